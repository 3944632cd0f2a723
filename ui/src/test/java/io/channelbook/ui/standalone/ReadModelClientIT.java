package io.channelbook.ui.standalone;

import com.mongodb.connection.AsyncTransportSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.internal.MongoClientImpl;
import io.channelbook.ui.StandaloneIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read models' reactive client uses the driver's asynchronous socket transport, not the Netty transport Spring Boot
 * picks when Netty is on the class path (whose byte-by-byte encoding into Netty buffers was a tenth of a ledger
 * rebuild's CPU, BENCHMARKS.md session 8), and works with it.
 */
class ReadModelClientIT extends StandaloneIntegrationTest {

    @Autowired
    private MongoClient client;
    @Autowired
    private ReactiveMongoTemplate mongo;

    @Test
    void theReactiveClientTalksOverTheDriversAsynchronousSocketTransport() {
        // the settings a client was built with are only on the driver's implementation class
        assertThat(client).isInstanceOf(MongoClientImpl.class);
        assertThat(((MongoClientImpl) client).getSettings().getTransportSettings())
                .isInstanceOf(AsyncTransportSettings.class);

        Document written = new Document("_id", "transport-check").append("bytes", "x".repeat(100_000));
        mongo.save(written, "transport_check").block();
        Document read = mongo.findById("transport-check", Document.class, "transport_check").block();
        assertThat(read).isEqualTo(written);
        mongo.dropCollection("transport_check").block();
    }
}
