package io.channelbook.ui.standalone.readstore;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read-model store's backend through the real driver, on a real store file, reopened between steps. */
class ReadModelStoreBackendTest {

    @TempDir
    Path dir;

    @Test
    void everyBsonValueRoundTripsAndSurvivesReopening() {
        Document written = new Document("_id", "all-types")
                .append("text", "Grüße, ünïcödé").append("int", 42).append("long", 9_007_199_254_740_993L)
                .append("double", 0.1).append("decimal", new Decimal128(new BigDecimal("1234.5678")))
                .append("yes", true).append("nothing", null).append("when", new Date(1_790_000_000_123L))
                .append("objectId", new ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("nested", new Document("amountMinor", 12_345L).append("currency", "EUR")
                        .append("deeper", new Document("list", List.of(1, "two", new Document("three", 3.0)))))
                .append("empty", List.of()).append("binary", new Binary(new byte[]{0, 1, 2, (byte) 255}))
                .append("uuid", new Binary((byte) 4, new byte[16]))
                .append("timestamp", new BsonTimestamp(1_700_000_000, 7))
                .append("min", new MinKey()).append("max", new MaxKey());
        Path file = dir.resolve("store.mv");

        withStore(file, ReadModelStoreBackend::new, c -> c.insertOne(written));
        withStore(file, ReadModelStoreBackend::new, c -> {
            assertThat(c.find(Filters.eq("_id", "all-types")).first()).isEqualTo(written);
            assertThat(c.find(Filters.eq("nested.amountMinor", 12_345L)).first()).isEqualTo(written);
        });
    }

    @Test
    void uniqueIndexesFindAndGuardKeysByMongoValueOrderAcrossReopening() {
        Path file = dir.resolve("store.mv");
        withStore(file, ReadModelStoreBackend::new, c -> {
            c.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                documents.add(new Document("_id", "p-" + i).append("email", "partner" + i + "@example.com").append("n", i));
            }
            c.insertMany(documents);
            c.insertOne(new Document("_id", 7).append("email", "numeric@example.com"));
        });
        withStore(file, ReadModelStoreBackend::new, c -> {
            assertThat(c.countDocuments()).isEqualTo(2_001);
            assertThat(c.find(Filters.eq("_id", "p-1234")).first().getInteger("n")).isEqualTo(1234);
            assertThat(c.find(Filters.in("_id", "p-5", "p-1999", "p-missing")).into(new ArrayList<>())).hasSize(2);
            // 7, 7L and 7.0 are one key in MongoDB
            assertThat(c.find(Filters.eq("_id", 7L)).first().getString("email")).isEqualTo("numeric@example.com");
            assertThatThrownBy(() -> c.insertOne(new Document("_id", 7.0)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> c.insertOne(new Document("_id", "other").append("email", "partner3@example.com")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            c.deleteOne(Filters.eq("_id", "p-3"));
            c.insertOne(new Document("_id", "other").append("email", "partner3@example.com"));
            assertThat(c.find(Filters.eq("_id", "p-3")).first()).isNull();
        });
    }

    @Test
    void opensAStoreTheStockH2BackendWroteAndRewritesItsDocumentsAsBson() {
        Path file = dir.resolve("store.mv");
        withStore(file, H2Backend::new, c -> {
            c.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            for (int i = 0; i < 300; i++) {
                c.insertOne(new Document("_id", "p-" + i).append("email", "partner" + i + "@example.com")
                        .append("balance", new Document("amountMinor", (long) i).append("currency", "EUR")));
            }
        });
        withStore(file, ReadModelStoreBackend::new, c -> {
            assertThat(c.countDocuments()).isEqualTo(300);
            assertThat(c.find(Filters.eq("_id", "p-42")).first().get("balance", Document.class).getLong("amountMinor"))
                    .isEqualTo(42L);
            assertThatThrownBy(() -> c.insertOne(new Document("_id", "dup").append("email", "partner9@example.com")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            c.updateOne(Filters.eq("_id", "p-42"), Updates.set("balance.amountMinor", 4_200L));
            c.insertOne(new Document("_id", "p-new").append("email", "new@example.com"));
        });
        withStore(file, ReadModelStoreBackend::new, c -> {
            assertThat(c.countDocuments()).isEqualTo(301);
            assertThat(c.find(Filters.eq("_id", "p-42")).first().get("balance", Document.class).getLong("amountMinor"))
                    .isEqualTo(4_200L);
            assertThat(c.find(Filters.eq("email", "new@example.com")).first().getString("_id")).isEqualTo("p-new");
            assertThat(c.find(Filters.eq("_id", "p-299")).first().getString("email")).isEqualTo("partner299@example.com");
        });
    }

    @Test
    void theIdIndexKeepsTextKeysOnlyInTheDocumentsMapAndGuardsEveryKeyAcrossReopening() {
        Path file = dir.resolve("store.mv");
        withStore(file, ReadModelStoreBackend::new, c -> {
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                documents.add(new Document("_id", "m-" + i).append("n", i));
            }
            c.insertMany(documents);
            c.insertOne(new Document("_id", 7).append("n", -7));
            c.insertOne(new Document("_id", new ObjectId("65a1b2c3d4e5f60718293a4b")).append("n", -8));
        });
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
            assertThat(store.getMapNames()).contains("channelbook.partners._index__id_.other.bson")
                    .doesNotContain("channelbook.partners._index__id_.bson");
            // only the two keys that are not text have entries of their own
            assertThat(indexMap(store, "channelbook.partners._index__id_.other.bson").sizeAsLong()).isEqualTo(2);
        }
        withStore(file, ReadModelStoreBackend::new, this::guardsAndFindsEveryKey);
    }

    @Test
    void aStoreWhoseIdIndexHeldEveryKeyKeepsOnlyItsOtherKeys() {
        Path file = dir.resolve("store.mv");
        withStore(file, ReadModelStoreBackend::new, c -> {
            for (int i = 0; i < 2_000; i++) {
                c.insertOne(new Document("_id", "m-" + i).append("n", i));
            }
            c.insertOne(new Document("_id", 7).append("n", -7));
            c.insertOne(new Document("_id", new ObjectId("65a1b2c3d4e5f60718293a4b")).append("n", -8));
        });
        // the format before: one map of every _id key, by its normalized value
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
            store.removeMap("channelbook.partners._index__id_.other.bson");
            var allKeys = indexMap(store, "channelbook.partners._index__id_.bson");
            for (int i = 0; i < 2_000; i++) {
                allKeys.put(new de.bwaldvogel.mongo.backend.KeyValue("m-" + i), "m-" + i);
            }
            allKeys.put(new de.bwaldvogel.mongo.backend.KeyValue(7.0), 7);
            ObjectId objectId = new ObjectId("65a1b2c3d4e5f60718293a4b");
            allKeys.put(new de.bwaldvogel.mongo.backend.KeyValue(
                    new de.bwaldvogel.mongo.bson.ObjectId(objectId.toByteArray())),
                    new de.bwaldvogel.mongo.bson.ObjectId(objectId.toByteArray()));
        }
        withStore(file, ReadModelStoreBackend::new, this::guardsAndFindsEveryKey);
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
            assertThat(store.getMapNames()).doesNotContain("channelbook.partners._index__id_.bson");
            assertThat(indexMap(store, "channelbook.partners._index__id_.other.bson").sizeAsLong()).isEqualTo(2);
        }
    }

    private static org.h2.mvstore.MVMap<de.bwaldvogel.mongo.backend.KeyValue, Object> indexMap(MVStore store, String name) {
        return store.openMap(name, new org.h2.mvstore.MVMap.Builder<de.bwaldvogel.mongo.backend.KeyValue, Object>()
                .keyType(IndexKeyType.INSTANCE).valueType(new org.h2.mvstore.type.ObjectDataType()));
    }

    private void guardsAndFindsEveryKey(MongoCollection<Document> c) {
        assertThat(c.countDocuments()).isEqualTo(2_002);
        assertThat(c.find(Filters.eq("_id", "m-1234")).first().getInteger("n")).isEqualTo(1234);
        assertThat(c.find(Filters.in("_id", "m-5", "m-1999", "m-missing", 7L)).into(new ArrayList<>())).hasSize(3);
        assertThat(c.find(Filters.regex("_id", "^m-199")).into(new ArrayList<>())).hasSize(11);
        // 7, 7L and 7.0 are one key in MongoDB
        assertThat(c.find(Filters.eq("_id", 7.0)).first().getInteger("n")).isEqualTo(-7);
        assertThat(c.find(Filters.eq("_id", new ObjectId("65a1b2c3d4e5f60718293a4b"))).first().getInteger("n"))
                .isEqualTo(-8);
        for (Object taken : List.of("m-42", 7L, 7.0, new ObjectId("65a1b2c3d4e5f60718293a4b"))) {
            assertThatThrownBy(() -> c.insertOne(new Document("_id", taken)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        }
        c.replaceOne(Filters.eq("_id", "m-42"), new Document("n", 4_200));
        c.deleteOne(Filters.eq("_id", "m-43"));
        c.deleteOne(Filters.eq("_id", 7L));
        c.insertOne(new Document("_id", "m-43").append("n", 4_300));
        c.insertOne(new Document("_id", 7L).append("n", -70));
        assertThat(c.find(Filters.eq("_id", "m-42")).first().getInteger("n")).isEqualTo(4_200);
        assertThat(c.find(Filters.eq("_id", "m-43")).first().getInteger("n")).isEqualTo(4_300);
        assertThat(c.find(Filters.eq("_id", 7)).first().getInteger("n")).isEqualTo(-70);
        assertThat(c.countDocuments()).isEqualTo(2_002);
        c.deleteOne(Filters.eq("_id", 7L));
        c.insertOne(new Document("_id", 7).append("n", -7));
        c.replaceOne(Filters.eq("_id", "m-42"), new Document("n", 42));
        c.deleteOne(Filters.eq("_id", "m-43"));
        c.insertOne(new Document("_id", "m-43").append("n", 43));
    }

    @Test
    void documentsAreHeldAsTheirBsonSoThatWritingAPageCopiesBytes() {
        MVStore store = new MVStore.Builder().fileName(dir.resolve("store.mv").toString()).open();
        MongoServer server = new MongoServer(new ReadModelStoreBackend(store));
        Document written = new Document("_id", "p-1").append("name", "Acme").append("balance", new Document("amountMinor", 1_250L));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> partners = client.getDatabase("channelbook").getCollection("partners");
            partners.insertOne(written);
            partners.updateOne(Filters.eq("_id", "p-1"), Updates.set("name", "Acme Ltd"));

            // the map the collection stores its documents in, as the backend opened it
            Object held = store.openMap("databases.channelbook.partners").get("p-1");

            assertThat(held).isInstanceOf(byte[].class);
            assertThat(BsonDocumentType.decode((byte[]) held)).containsEntry("name", "Acme Ltd")
                    .containsEntry("balance", new de.bwaldvogel.mongo.bson.Document("amountMinor", 1_250L));
            assertThat(partners.find(Filters.eq("_id", "p-1")).first()).isEqualTo(written.append("name", "Acme Ltd"));
        } finally {
            server.shutdown();
        }
    }

    private static void withStore(Path file, Function<MVStore, H2Backend> backend, Consumer<MongoCollection<Document>> use) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        MongoServer server = new MongoServer(backend.apply(store));
        try {
            var address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                use.accept(client.getDatabase("channelbook").getCollection("partners"));
            }
        } finally {
            server.shutdown();
        }
    }

    @Test
    void openingAStoreReadsNoDocumentsForItsSecondaryIndexes() {
        Path file = dir.resolve("store.mv");
        String padding = "x".repeat(400);
        withStore(file, ReadModelStoreBackend::new, c -> {
            c.createIndex(Indexes.ascending("partnerId", "sequence"));
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                documents.add(new Document("_id", "m-" + i).append("partnerId", "p-" + (i % 50)).append("sequence", i)
                        .append("text", padding));
            }
            c.insertMany(documents);
        });

        MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(1).open();
        MongoServer server = new MongoServer(new ReadModelStoreBackend(store));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> c = client.getDatabase("channelbook").getCollection("partners");
            // the first request opens the database, with its collections and their indexes
            assertThat(c.find(Filters.eq("_id", "m-7")).first()).containsEntry("sequence", 7);
            long pagesRead = store.getFileStore().getReadCount();
            // ~8 MB of documents is hundreds of pages; the index was "built" by reading them all, twice
            assertThat(pagesRead).as("pages read to open the store and find one document").isLessThan(50);

            assertThat(c.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>()))
                    .contains("partnerId_1_sequence_1");
            assertThat(c.countDocuments(Filters.eq("partnerId", "p-3"))).isEqualTo(400);
        } finally {
            server.shutdown();
        }
    }

    @Test
    void uuidsAreKeptWithTheirSubtype() {
        Path file = dir.resolve("store.mv");
        UUID id = UUID.fromString("3b241101-e2bb-4255-8caf-4136c566a962");
        withStore(file, ReadModelStoreBackend::new,
                c -> c.insertOne(new Document("_id", "u").append("uuid", new Binary((byte) 4, bytes(id)))));
        withStore(file, ReadModelStoreBackend::new, c -> assertThat(
                c.find(Filters.eq("_id", "u")).first().get("uuid", Binary.class).getData()).isEqualTo(bytes(id)));
    }

    private static byte[] bytes(UUID id) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
        buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return buffer.array();
    }
}
