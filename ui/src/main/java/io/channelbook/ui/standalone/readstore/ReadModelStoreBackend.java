package io.channelbook.ui.standalone.readstore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * mongo-java-server's H2 backend with the read-model store's own collections and data types: documents kept as their
 * BSON bytes ({@link ReadModelCollection}, {@link BsonDocumentType}) and unique-index keys compared by MongoDB's value order ({@link IndexKeyType}). The map
 * layout is the H2 backend's, so a store file written by it opens here: its documents are still read, and each
 * index is kept under a new map name, which {@link MongoCollection#addIndex} finds empty and fills from the
 * documents once (the old index map is removed).
 */
public final class ReadModelStoreBackend extends H2Backend {

    public ReadModelStoreBackend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /** The H2 backend's database, with the data types above (its map-opening methods are not open to extension). */
    static final class Database extends AbstractSynchronizedMongoDatabase<Object> {

        private static final String DATA_PREFIX = "databases.";
        private static final String META_PREFIX = "meta.";
        /** Suffix of index maps in this format; maps without it are the H2 backend's, ordered by serialized bytes. */
        private static final String INDEX_FORMAT = ".bson";
        /** Suffix of the map of an {@code _id} index's keys that are not text ({@link IdIndex}). */
        private static final String ID_OTHER_KEYS_FORMAT = ".other.bson";

        private final MVStore store;

        Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
            super(databaseName, cursorRegistry);
            this.store = store;
            initializeNamespacesAndIndexes();
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String name = getFullCollectionNamespace(collectionName);
            return new ReadModelCollection(this, collectionName, options, dataMap(name), cursorRegistry);
        }

        private MVMap<Object, byte[]> dataMap(String fullCollectionName) {
            return store.openMap(DATA_PREFIX + fullCollectionName,
                    new MVMap.Builder<Object, byte[]>().keyType(new ObjectDataType()).valueType(BsonDocumentType.INSTANCE));
        }

        private MVMap<String, Object> metaMap(String fullCollectionName) {
            return store.openMap(META_PREFIX + fullCollectionName);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            String legacyName = indexMapName(collectionName, indexName);
            if (store.hasMap(legacyName)) {
                store.removeMap(legacyName);
            }
            if (IdIndex.isIdIndex(keys)) {
                return idIndex(collectionName, indexName, keys, sparse);
            }
            return new UniqueIndex(indexMap(legacyName + INDEX_FORMAT), indexName, keys, sparse);
        }

        private MVMap<KeyValue, Object> indexMap(String name) {
            return store.openMap(name,
                    new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE).valueType(new ObjectDataType()));
        }

        /**
         * The {@code _id} index ({@link IdIndex}): text keys are the documents' own keys, others have a map of their
         * own. A store whose {@code _id} index had all keys in one map (before this format) keeps the others of them
         * and drops the map; one from mongo-java-server's H2 backend has its documents' keys read once instead.
         */
        private Index<Object> idIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            String name = indexMapName(collectionName, indexName);
            MVMap<Object, byte[]> documents = dataMap(getFullCollectionNamespace(collectionName));
            boolean fresh = !store.hasMap(name + ID_OTHER_KEYS_FORMAT);
            MVMap<KeyValue, Object> otherKeys = indexMap(name + ID_OTHER_KEYS_FORMAT);
            if (fresh && store.hasMap(name + INDEX_FORMAT)) {
                MVMap<KeyValue, Object> allKeys = indexMap(name + INDEX_FORMAT);
                allKeys.forEach((key, position) -> {
                    if (IdIndex.textKey(key) == null) {
                        otherKeys.put(key, position);
                    }
                });
                store.removeMap(allKeys);
            } else if (fresh) {
                for (Object position : documents.keySet()) {
                    if (!(position instanceof String)) {
                        otherKeys.put(new KeyValue(position).normalized(), position);
                    }
                }
            }
            return new IdIndex(documents, otherKeys, indexName, keys, sparse);
        }

        /**
         * mongo-java-server keeps no secondary indexes (such queries scan the collection) and stands an empty
         * placeholder in for each. Because the placeholder says it is empty, every opening of the store "built" it by
         * reading each document of its collection twice, to add nothing: at 680,000 events, seconds of every start
         * (the ledger's movements have two such indexes). This placeholder says it is built.
         */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                           boolean sparse) {
            return new SecondaryIndexPlaceholder(indexName, keys);
        }

        private String indexMapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            for (String format : List.of(INDEX_FORMAT, ID_OTHER_KEYS_FORMAT)) {
                String name = indexMapName(collection.getCollectionName(), indexName) + format;
                if (store.hasMap(name)) {
                    store.removeMap(name);
                }
            }
        }

        @Override
        public void drop(Oplog oplog) {
            super.drop(oplog);
            store.getMapNames().stream()
                    .filter(name -> name.startsWith(databaseName + ".") || name.startsWith(DATA_PREFIX + databaseName)
                            || name.startsWith(META_PREFIX + databaseName))
                    .toList()
                    .forEach(store::removeMap);
        }

        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            super.dropCollection(collectionName, oplog);
            String name = getFullCollectionNamespace(collectionName);
            store.removeMap(DATA_PREFIX + name);
            store.removeMap(META_PREFIX + name);
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            super.moveCollection(oldDatabase, collection, newCollectionName);
            String newName = getFullCollectionNamespace(newCollectionName);
            store.renameMap(dataMap(collection.getFullName()), DATA_PREFIX + newName);
            store.renameMap(metaMap(collection.getFullName()), META_PREFIX + newName);
        }

        @Override
        protected long getStorageSize() {
            FileStore<?> file = store.getFileStore();
            return file == null ? 0 : file.size();
        }

        @Override
        protected long getFileSize() {
            return getStorageSize();
        }
    }

    /** The H2 backend's unique index over a map of {@link IndexKeyType} keys. */
    static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /**
     * The {@code _id} index of a collection. The collection's map is keyed by {@code _id} already
     * ({@link ReadModelCollection}), so a text key (nearly every read model's) is looked up there, and only keys of
     * other types, which MongoDB compares by value (7, 7L and 7.0 are one key), are kept in a map of their own, by
     * their normalized value. A separate map of every key doubled what a write costs: one more page of the B-tree
     * read for the uniqueness check and written again on commit, for each document, with random keys (BENCHMARKS.md,
     * session 7).
     */
    static final class IdIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<Object, byte[]> documents;
        private final MVMap<KeyValue, Object> otherKeys;

        IdIndex(MVMap<Object, byte[]> documents, MVMap<KeyValue, Object> otherKeys, String name, List<IndexKey> keys,
                boolean sparse) {
            super(name, keys, sparse);
            this.documents = documents;
            this.otherKeys = otherKeys;
        }

        static boolean isIdIndex(List<IndexKey> keys) {
            return keys.size() == 1 && "_id".equals(keys.get(0).getKey());
        }

        /** The key's text if it is a single text value (kept as the document's position); null otherwise. */
        static String textKey(KeyValue key) {
            return key.size() == 1 && key.get(0) instanceof String text ? text : null;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            String text = textKey(key);
            if (text == null) {
                return otherKeys.remove(key);
            }
            // the collection removes the document itself, after its indexes
            return documents.containsKey(text) ? text : null;
        }

        /**
         * A document with a text {@code _id} is in the index once the collection has stored it: the collection checked
         * the key ({@link #checkAdd}) before that, and checking it again here would find the document itself.
         */
        @Override
        public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
            if (!(position instanceof String)) {
                super.add(document, position, collection);
            }
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            String text = textKey(key);
            if (text == null) {
                return otherKeys.putIfAbsent(key, Missing.ofNullable(position)) == null;
            }
            // the collection has stored the document under its _id before it adds it to its indexes
            return text.equals(position);
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return () -> Stream.concat(
                    documents.keySet().stream().filter(String.class::isInstance)
                            .map(text -> Map.entry(new KeyValue(text), text)),
                    otherKeys.entrySet().stream()).iterator();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            String text = textKey(key);
            if (text == null) {
                return otherKeys.get(key);
            }
            return documents.containsKey(text) ? text : null;
        }

        @Override
        public long getCount() {
            return documents.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return documents.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /** A secondary index the store does not keep (see {@link Database#openOrCreateSecondaryIndex}). */
    static final class SecondaryIndexPlaceholder extends EmptyIndex<Object> {

        SecondaryIndexPlaceholder(String name, List<IndexKey> keys) {
            super(name, keys);
        }

        @Override
        public boolean isEmpty() {
            return false;
        }
    }
}
