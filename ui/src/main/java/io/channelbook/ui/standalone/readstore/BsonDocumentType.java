package io.channelbook.ui.standalone.readstore;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * How the read-model store keeps a document: as its BSON bytes, encoded with the wire protocol's own codec once, when
 * the document is written ({@link ReadModelCollection}), and copied as they are whenever H2 writes the page that holds
 * them. On disk each value is {@link #FORMAT} followed by the BSON document. {@code FORMAT} is a tag H2's
 * {@link ObjectDataType} never writes, so files written with mongo-java-server's own H2 backend (Java serialization)
 * keep being read: such a document is read the old way and encoded as BSON on reading.
 */
final class BsonDocumentType extends BasicDataType<byte[]> {

    /** Above every tag of {@link ObjectDataType} (0–119). */
    static final byte FORMAT = 126;

    static final BsonDocumentType INSTANCE = new BsonDocumentType();

    private final ObjectDataType legacy = new ObjectDataType();

    private BsonDocumentType() {
    }

    @Override
    public void write(WriteBuffer buffer, byte[] bson) {
        buffer.put(FORMAT);
        buffer.put(bson);
    }

    @Override
    public byte[] read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != FORMAT) {
            return encode((Document) legacy.read(buffer));
        }
        buffer.get();
        int length = Integer.reverseBytes(buffer.getInt(buffer.position()));
        byte[] bson = new byte[length];
        buffer.get(bson);
        return bson;
    }

    static byte[] encode(Map<String, ?> document) {
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
            return Arrays.copyOf(bson.array(), bson.readableBytes());
        } finally {
            bson.release();
        }
    }

    static Document decode(byte[] bson) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /** Reads one BSON document at the buffer's position and moves the position past it. */
    static Document decode(ByteBuffer buffer) {
        int length = Integer.reverseBytes(buffer.getInt(buffer.position()));
        ByteBuffer slice = buffer.slice();
        slice.limit(length);
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
    }

    /** A cheap estimate of the heap a decoded value takes (index keys are kept decoded). */
    static int estimate(Object value) {
        if (value instanceof String text) {
            return 48 + 2 * text.length();
        } else if (value instanceof Map<?, ?> map) {
            int size = 64;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 40 + estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return size;
        } else if (value instanceof Collection<?> collection) {
            int size = 48;
            for (Object element : collection) {
                size += 8 + estimate(element);
            }
            return size;
        } else {
            return 24;
        }
    }

    /** The heap a value takes, for the store's page cache to count: the bytes and the array around them. */
    @Override
    public int getMemory(byte[] bson) {
        return 16 + bson.length;
    }

    /** Values are not ordered; H2 compares them only to ask whether they are equal (a conditional replace). */
    @Override
    public int compare(byte[] a, byte[] b) {
        return Arrays.equals(a, b) ? 0 : 1;
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }
}
