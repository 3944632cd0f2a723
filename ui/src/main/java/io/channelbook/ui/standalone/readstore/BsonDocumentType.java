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
import java.util.Collection;
import java.util.Map;

/**
 * How the read-model store keeps a document on disk: as BSON, with the wire protocol's own codec, instead of the
 * Java serialization H2's {@link ObjectDataType} falls back to for mongo-java-server's documents (the store's
 * largest cost in the profiles, BENCHMARKS.md). Each value starts with {@link #FORMAT}, a tag {@code ObjectDataType}
 * never writes, so files written before keep being read: their documents are read the old way and written back as
 * BSON when they next change.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    /** Above every tag of {@link ObjectDataType} (0–119). */
    static final byte FORMAT = 126;

    static final BsonDocumentType INSTANCE = new BsonDocumentType();

    private final ObjectDataType legacy = new ObjectDataType();

    private BsonDocumentType() {
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        buffer.put(FORMAT);
        buffer.put(encode(document));
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != FORMAT) {
            return (Document) legacy.read(buffer);
        }
        buffer.get();
        return decode(buffer);
    }

    static byte[] encode(Map<String, ?> document) {
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
            byte[] bytes = new byte[bson.readableBytes()];
            bson.readBytes(bytes);
            return bytes;
        } finally {
            bson.release();
        }
    }

    /** Reads one BSON document at the buffer's position and moves the position past it. */
    static Document decode(ByteBuffer buffer) {
        int length = Integer.reverseBytes(buffer.getInt(buffer.position()));
        ByteBuffer slice = buffer.slice();
        slice.limit(length);
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
    }

    /** A cheap estimate of the heap a document takes, for the store's page cache to count. */
    @Override
    public int getMemory(Document document) {
        return 48 + estimate(document);
    }

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

    /** Values are not ordered; H2 compares them only to ask whether they are equal (a conditional replace). */
    @Override
    public int compare(Document a, Document b) {
        return a.equals(b) ? 0 : 1;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
