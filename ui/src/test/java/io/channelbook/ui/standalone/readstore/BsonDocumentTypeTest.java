package io.channelbook.ui.standalone.readstore;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BsonDocumentTypeTest {

    private final Document document = new Document("_id", "entry-1").append("amountMinor", 12_345L)
            .append("recordedAt", Instant.parse("2026-11-27T10:15:30.123Z"))
            .append("reversalEntryIds", List.of("entry-0")).append("amount", new Document("currency", "EUR"));

    @Test
    void writesBsonBehindItsFormatTagAndReadsItBack() {
        ByteBuffer written = write((buffer, value) -> BsonDocumentType.INSTANCE.write(buffer, BsonDocumentType.encode(value)));

        assertThat(written.get(0)).isEqualTo(BsonDocumentType.FORMAT);
        assertThat(BsonDocumentType.decode(BsonDocumentType.INSTANCE.read(written))).isEqualTo(document);
        assertThat(written.remaining()).isZero();
    }

    @Test
    void readsDocumentsJavaSerializedByH2sDefaultType() {
        ObjectDataType h2Default = new ObjectDataType();
        ByteBuffer written = write((buffer, value) -> h2Default.write(buffer, value));

        assertThat(written.get(0)).isNotEqualTo(BsonDocumentType.FORMAT);
        assertThat(BsonDocumentType.decode(BsonDocumentType.INSTANCE.read(written))).isEqualTo(document);
        assertThat(written.remaining()).isZero();
    }

    @Test
    void bsonIsSmallerThanJavaSerialization() {
        ObjectDataType h2Default = new ObjectDataType();
        int serialized = write((buffer, value) -> h2Default.write(buffer, value)).remaining();
        int bson = write((buffer, value) -> BsonDocumentType.INSTANCE.write(buffer, BsonDocumentType.encode(value))).remaining();

        assertThat(bson).isLessThan(serialized / 2);
    }

    private ByteBuffer write(java.util.function.BiConsumer<WriteBuffer, Document> writer) {
        WriteBuffer buffer = new WriteBuffer();
        writer.accept(buffer, document);
        ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        return bytes;
    }
}
