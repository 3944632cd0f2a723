package io.channelbook.ui.standalone.readstore;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The key of a unique index (an {@code _id} index, mostly) in the read-model store: compared by MongoDB's value
 * order, and kept as BSON. H2's default type cannot compare mongo-java-server's {@link KeyValue} (it is not
 * {@link Comparable}), so it Java-serialized both keys at every comparison of every lookup.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

    static final IndexKeyType INSTANCE = new IndexKeyType();

    private static final ValueComparator ORDER = ValueComparator.ascWithoutListHandling();
    private static final byte MISSING = 0;
    private static final byte PRESENT = 1;

    private IndexKeyType() {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int size = Math.min(a.size(), b.size());
        for (int i = 0; i < size; i++) {
            int order = ORDER.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            if (value instanceof Missing) {
                buffer.put(MISSING);
            } else {
                buffer.put(PRESENT);
                buffer.put(BsonDocumentType.encode(new Document("v", value)));
            }
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(buffer.get() == MISSING ? Missing.getInstance() : BsonDocumentType.decode(buffer).get("v"));
        }
        return new KeyValue(values);
    }

    @Override
    public int getMemory(KeyValue key) {
        int size = 48;
        for (Object value : key) {
            size += 8 + BsonDocumentType.estimate(value);
        }
        return size;
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
