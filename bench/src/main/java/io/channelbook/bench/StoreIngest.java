package io.channelbook.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoBackend;
import org.bson.Document;
import org.h2.mvstore.MVStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The read-model store's own write rate, without the application: documents shaped like a ledger movement written
 * through the MongoDB driver into the embedded store (the product's backend, its 128 MB page cache, a file in a
 * scratch directory), in rounds of 100,000, 1,000 per command, until the collection holds 600,000.
 * <pre>
 * java -cp bench/target/app/channelbook.jar:bench/target/classes io.channelbook.bench.StoreIngest [insert|upsert] [random|ordered]
 * </pre>
 * {@code insert} sends {@code insertMany}, {@code upsert} a bulk of {@code replaceOne} with upsert (what the
 * projections send); {@code random} keys are UUIDs, {@code ordered} increasing numbers (as the ledger's movements
 * are keyed since session 7). BENCHMARKS.md has what it measured.
 */
public final class StoreIngest {

    private static final String BACKEND = "io.channelbook.ui.standalone.readstore.ReadModelStoreBackend";
    private static final int ROUNDS = 6;
    private static final int PER_ROUND = 100_000;
    private static final int PER_COMMAND = 1_000;

    private StoreIngest() {
    }

    public static void main(String[] args) throws Exception {
        boolean upsert = args.length > 0 && args[0].equals("upsert");
        boolean ordered = args.length > 1 && args[1].equals("ordered");
        Path dir = Files.createTempDirectory("channelbook-store-ingest");
        MVStore store = new MVStore.Builder().fileName(dir.resolve("store.mv").toString()).cacheSize(128).open();
        // the ui's classes are in its repackaged jar, which the bench runs with but does not compile against
        MongoBackend backend = (MongoBackend) Class.forName(BACKEND).getConstructor(MVStore.class).newInstance(store);
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> movements = client.getDatabase("channelbook").getCollection("movements");
            for (int round = 0; round < ROUNDS; round++) {
                List<Document> documents = new ArrayList<>();
                for (int i = round * PER_ROUND; i < (round + 1) * PER_ROUND; i++) {
                    documents.add(movement(i, ordered));
                }
                long start = System.nanoTime();
                for (int from = 0; from < documents.size(); from += PER_COMMAND) {
                    List<Document> command = documents.subList(from, from + PER_COMMAND);
                    if (upsert) {
                        List<WriteModel<Document>> writes = command.stream()
                                .<WriteModel<Document>>map(document -> new ReplaceOneModel<>(
                                        Filters.eq("_id", document.get("_id")), document, new ReplaceOptions().upsert(true)))
                                .toList();
                        movements.bulkWrite(writes, new BulkWriteOptions().ordered(false));
                    } else {
                        movements.insertMany(command, new InsertManyOptions().ordered(false));
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%s %s keys, round %d (collection %,d -> %,d): %,.0f documents/s%n",
                        upsert ? "upsert" : "insert", ordered ? "ordered" : "random", round + 1, round * PER_ROUND,
                        (round + 1) * PER_ROUND, PER_ROUND / seconds);
            }
        } finally {
            server.shutdown();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private static Document movement(int i, boolean ordered) {
        String id = ordered ? String.format("%019d", i) : UUID.randomUUID().toString();
        return new Document("_id", id).append("eventId", UUID.randomUUID().toString()).append("sequence", (long) i)
                .append("recordedAt", new Date()).append("partnerId", "partner-" + (i % 1000)).append("currency", "EUR")
                .append("entryId", UUID.randomUUID().toString()).append("type", "ACCRUED").append("entryKind", "ACCRUAL")
                .append("registrationId", UUID.randomUUID().toString())
                .append("amount", money(12_345L + i)).append("pendingDelta", money(12_345L + i))
                .append("payableDelta", money(0)).append("paidDelta", money(0))
                .append("text", "8% of EUR 1,234.50 under plan version 1, rule percent-of-deal")
                .append("actorId", "system:commission-engine").append("actorRole", "SYSTEM")
                .append("causationId", UUID.randomUUID().toString()).append("correlationId", UUID.randomUUID().toString())
                .append("payableAt", new Date());
    }

    private static Document money(long minor) {
        return new Document("amountMinor", minor).append("currency", "EUR");
    }
}
