package io.channelbook.query.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon's general serializer, which {@code axon.serializer.general/events/messages: jackson} make the event and message
 * serializer too, built as Axon's auto-configuration builds it (the same revision resolver and object mapper, a
 * chaining converter on the application's class loader) but as a {@link ClassCachingJacksonSerializer}. Axon's
 * auto-configuration backs off when this bean exists. It is here, on the query side, because projections read events
 * in bulk (a rebuild reads the whole history once per processor segment); the standalone runtime imports it, so
 * there it serves the command side as well.
 */
@Configuration
class SerializerConfiguration implements BeanClassLoaderAware {

    private ClassLoader classLoader;

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Bean
    @Primary
    Serializer serializer(RevisionResolver revisionResolver, ObjectMapper objectMapper) {
        return new ClassCachingJacksonSerializer(JacksonSerializer.builder()
                .revisionResolver(revisionResolver)
                .converter(new ChainingConverter(classLoader))
                .objectMapper(objectMapper));
    }
}
