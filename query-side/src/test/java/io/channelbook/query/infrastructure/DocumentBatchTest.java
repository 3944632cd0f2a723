package io.channelbook.query.infrastructure;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** A batch's writes on a real Mongo wire-protocol server (in memory), counting the write commands it sends. */
class DocumentBatchTest {

    @Document("lines")
    record Line(@Id String id, long amount) {
    }

    private MongoServer server;
    private MongoClient client;
    private ReactiveMongoTemplate mongo;
    /** The number of writes in each write command the server was sent. */
    private final List<Integer> writeCommands = new CopyOnWriteArrayList<>();
    /** The number of documents in each insert command (a part of writeCommands). */
    private final List<Integer> insertCommands = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        CommandListener counting = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                switch (event.getCommandName()) {
                    case "update" -> writeCommands.add(event.getCommand().getArray("updates").size());
                    case "delete" -> writeCommands.add(event.getCommand().getArray("deletes").size());
                    case "insert" -> {
                        int documents = event.getCommand().containsKey("documents")
                                ? event.getCommand().getArray("documents").size() : 0;
                        writeCommands.add(documents);
                        insertCommands.add(documents);
                    }
                    default -> { }
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
                .addCommandListener(counting).build());
        mongo = new ReactiveMongoTemplate(client, "test");
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aLargeBatchIsWrittenCompletelyInBulksOfBoundedSize() {
        int existing = 1_200;
        mongo.insertAll(IntStream.range(0, existing).mapToObj(i -> new Line(id(i), i)).toList()).blockLast();
        DocumentBatch batch = new DocumentBatch(mongo);
        batch.prefetch(Line.class, IntStream.range(0, existing).mapToObj(DocumentBatchTest::id).toList());
        int changed = 2 * DocumentBatch.WRITES_PER_BULK + 345;
        for (int i = 0; i < changed; i++) {
            Line line = batch.find(Line.class, id(i));
            batch.save(new Line(id(i), (line == null ? 0 : line.amount()) + 1_000));
        }
        for (int i = changed; i < changed + 10; i++) {
            batch.remove(Line.class, id(i));
        }
        writeCommands.clear();

        batch.flush();

        List<Line> stored = new ArrayList<>(mongo.findAll(Line.class).collectList().block());
        assertThat(stored).hasSize(changed);
        assertThat(stored).allSatisfy(line -> {
            int i = Integer.parseInt(line.id().substring(5));
            assertThat(line.amount()).isEqualTo(i < existing ? i + 1_000 : 1_000);
        });
        // 2,355 writes in bulks of at most 1,000, not one command holding every document at once
        assertThat(writeCommands).allSatisfy(writes -> assertThat(writes).isLessThanOrEqualTo(DocumentBatch.WRITES_PER_BULK));
        assertThat(writeCommands.stream().mapToInt(Integer::intValue).sum()).isEqualTo(changed + 10);
    }

    @Test
    void documentsFoundAbsentAreInsertedAndOnesThatExistAfterAllAreReplacedNotLost() {
        mongo.insertAll(IntStream.range(0, 10).mapToObj(i -> new Line(id(i), i)).toList()).blockLast();
        mongo.insert(new Line(id(30), 30)).block();
        DocumentBatch batch = new DocumentBatch(mongo);
        batch.prefetch(Line.class, IntStream.range(0, 20).mapToObj(DocumentBatchTest::id).toList());
        for (int i = 0; i < 20; i++) {
            Line line = batch.find(Line.class, id(i));
            batch.save(new Line(id(i), (line == null ? 0 : line.amount()) + 1_000));
        }
        // believed new without a lookup: one is, one was written before (an event delivered again)
        batch.insert(new Line(id(50), 50_000));
        batch.insert(new Line(id(30), 30_000));
        // another writer adds a document this batch found absent
        mongo.insert(new Line(id(15), -1)).block();
        writeCommands.clear();
        insertCommands.clear();

        batch.flush();

        List<Tuple> expected = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> expected.add(tuple(id(i), (i < 10 ? i : 0) + 1_000L)));
        expected.add(tuple(id(30), 30_000L));
        expected.add(tuple(id(50), 50_000L));
        assertThat(mongo.findAll(Line.class).collectList().block()).extracting(Line::id, Line::amount)
                .containsExactlyInAnyOrderElementsOf(expected);
        // the ten found absent and the two believed new in one insert; the two taken keys replaced after it
        assertThat(insertCommands).containsExactly(12);
        assertThat(writeCommands.stream().mapToInt(Integer::intValue).sum()).isEqualTo(12 + 10 + 2);
    }

    private static String id(int i) {
        return String.format("line-%05d", i);
    }
}
