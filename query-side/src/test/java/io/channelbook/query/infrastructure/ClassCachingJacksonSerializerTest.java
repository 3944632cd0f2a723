package io.channelbook.query.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;
import io.channelbook.api.partner.PartnerRegisteredEvent;
import io.channelbook.api.partner.PrimaryContact;
import io.channelbook.api.partner.ProgramType;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The caching serializer resolves and deserializes what Axon's does, and looks each known class up once. */
class ClassCachingJacksonSerializerTest {

    private final AtomicInteger lookups = new AtomicInteger();

    /** Jackson's type factory, counting the class lookups by name (what Axon's serializer does per call). */
    private final TypeFactory counting = new TypeFactory(new LRUMap<>(16, 200)) {
        @Override
        public Class<?> findClass(String className) throws ClassNotFoundException {
            lookups.incrementAndGet();
            return super.findClass(className);
        }
    };

    @Test
    void serializesAndDeserializesAsAxonsSerializerDoes() {
        ClassCachingJacksonSerializer ours = new ClassCachingJacksonSerializer(JacksonSerializer.builder()
                .objectMapper(new ObjectMapper()));
        JacksonSerializer axons = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();
        PartnerRegisteredEvent event = new PartnerRegisteredEvent("p-1", "Alpenblick IT GmbH", "DE",
                "alpenblick-it.de", ProgramType.RESELLER, new PrimaryContact("Ana", "ana@alpenblick-it.de"));

        SerializedObject<byte[]> serialized = ours.serialize(event, byte[].class);

        assertThat(serialized.getData()).isEqualTo(axons.serialize(event, byte[].class).getData());
        assertThat((Object) ours.deserialize(serialized)).isEqualTo(event);
        assertThat((Object) ours.deserialize(serialized)).isEqualTo(event);
        assertThat(ours.classForType(serialized.getType())).isEqualTo(PartnerRegisteredEvent.class);
    }

    @Test
    void looksAKnownClassUpOnceAndAnUnknownOneEveryTime() {
        ClassCachingJacksonSerializer serializer = new ClassCachingJacksonSerializer(JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().setTypeFactory(counting)).disableCachingOfUnknownClasses());
        SimpleSerializedType known = new SimpleSerializedType(PartnerRegisteredEvent.class.getName(), null);
        SimpleSerializedType unknown = new SimpleSerializedType("io.channelbook.api.partner.NoSuchEvent", null);

        for (int i = 0; i < 5; i++) {
            assertThat(serializer.classForType(known)).isEqualTo(PartnerRegisteredEvent.class);
        }
        assertThat(lookups).hasValue(1);

        for (int i = 0; i < 3; i++) {
            assertThat(serializer.classForType(unknown)).isEqualTo(UnknownSerializedType.class);
        }
        assertThat(lookups).hasValue(4);
        assertThat(serializer.classForType(SimpleSerializedType.emptyType())).isEqualTo(Void.class);
    }
}
