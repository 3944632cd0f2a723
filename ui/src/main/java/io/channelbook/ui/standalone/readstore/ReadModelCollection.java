package io.channelbook.ui.standalone.readstore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One collection of the read-model store: its documents in an H2 map keyed by {@code _id}, each kept as its BSON
 * ({@link BsonDocumentType}), encoded once when it is written and decoded when it is read. mongo-java-server's H2
 * collection kept the document objects in the map, so H2 encoded every document of a page again each time it wrote
 * the page: a write of one document re-encoded the dozens beside it (BENCHMARKS.md, session 6). This collection also
 * does not track the collection's data size, which cost one more encoding of every written document and a write to
 * the collection's meta map (nothing here reads it: {@code collStats} reports a size of 0).
 */
final class ReadModelCollection extends AbstractSynchronizedMongoCollection<Object> {

    private final MVMap<Object, byte[]> dataMap;

    ReadModelCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, byte[]> dataMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, cursorRegistry);
        this.dataMap = dataMap;
    }

    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        // not tracked (tracksDataSize)
    }

    @Override
    protected int getDataSize() {
        return 0;
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        byte[] previous = dataMap.put(Missing.ofNullable(key), BsonDocumentType.encode(document));
        if (previous != null) {
            throw new IllegalStateException("Document with key '" + key + "' already existed in " + this);
        }
        return key;
    }

    @Override
    public int count() {
        return dataMap.size();
    }

    @Override
    public boolean isEmpty() {
        return dataMap.isEmpty();
    }

    @Override
    protected Document getDocument(Object position) {
        byte[] bson = dataMap.get(position);
        return bson == null ? null : BsonDocumentType.decode(bson);
    }

    @Override
    protected void removeDocument(Object position) {
        if (dataMap.remove(position) == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return dataMap.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(BsonDocumentType.decode(entry.getValue()), entry.getKey()));
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Stream<Document> documents;
        if (isNaturalDescending(orderBy)) {
            documents = streamAllDocumentsWithPosition()
                    .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                    .map(DocumentWithPosition::getDocument);
        } else {
            documents = dataMap.values().stream().map(BsonDocumentType::decode);
        }
        return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        dataMap.put(Missing.ofNullable(position), BsonDocumentType.encode(newDocument));
    }
}
