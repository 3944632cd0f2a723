package io.channelbook.query.infrastructure;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Axon's {@link JacksonSerializer} that remembers the class of every type name it has resolved. Axon's resolves the
 * name with {@code Class.forName} on every call, and every event a streaming processor reads calls it at least twice
 * (the payload type a handler is matched on, then again to deserialize it): 10% of the ledger threads' time in a
 * rebuild (BENCHMARKS.md, session 8). Names it cannot resolve are not remembered here ({@link JacksonSerializer}
 * keeps those itself), so a class that appears later, on a class path that changed, is still found.
 */
public final class ClassCachingJacksonSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    public ClassCachingJacksonSerializer(JacksonSerializer.Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> resolved = super.classForType(type);
        if (resolved != UnknownSerializedType.class && resolved != Void.class) {
            classes.put(type.getName(), resolved);
        }
        return resolved;
    }
}
