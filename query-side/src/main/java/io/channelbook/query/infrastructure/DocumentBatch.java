package io.channelbook.query.infrastructure;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The documents one batch of events touches, keyed by {@code _id}: each is read at most once (or with one query per
 * collection when {@linkplain #prefetch prefetched}), changed in memory by every event of the batch, and written once
 * when the batch ends, with one bulk write per collection ({@link ProcessorBatches} says when). A replay costs a few
 * round trips per batch instead of several per event.
 * <p>
 * {@link #flush()} writes the additions to sets first, then the collections in the order given to the constructor and
 * then in the order the batch first saved to them, so a projection whose documents say "applied" in a certain order
 * (the one written last) keeps that order; then it
 * runs what was to happen after the write (pushing updates to subscribers). Documents guard themselves with the
 * stream position of the last event applied to them, so a batch that a crash interrupted is simply applied again.
 */
public final class DocumentBatch {

    /**
     * Documents per bulk write. A batch of thousands of events changes thousands of documents; written in one bulk
     * write, all of them are mapped, encoded, sent and decoded before the first is stored, and the garbage collector
     * copies that whole set from region to region while it lives (the largest cost in the profile of a ledger
     * rebuild, BENCHMARKS.md). A thousand keeps the round trips few and the set small.
     */
    static final int WRITES_PER_BULK = 1_000;

    private final ReactiveMongoTemplate mongo;
    private final Map<Class<?>, Documents<?>> collections = new HashMap<>();
    private final Set<Class<?>> writeOrder = new LinkedHashSet<>();
    private final Map<Class<?>, Map<String, Map<String, Set<Object>>>> addedToSets = new LinkedHashMap<>();
    private final List<Runnable> afterWrite = new ArrayList<>();

    /**
     * Applies one event to the processor's batch of documents named {@code key} (see {@link ProcessorBatches}): the
     * batch is made at the batch's first event and written, in bulk, after its last.
     */
    public static void apply(String key, ReactiveMongoTemplate mongo, Consumer<DocumentBatch> event) {
        apply(key, mongo, (batch, events) -> { }, event);
    }

    /**
     * {@link #apply(String, ReactiveMongoTemplate, Consumer)}, with {@code prefetch} given the new batch and all its
     * events first, to load the documents they will look up with one query per collection.
     */
    public static void apply(String key, ReactiveMongoTemplate mongo,
                             BiConsumer<DocumentBatch, List<? extends EventMessage<?>>> prefetch,
                             Consumer<DocumentBatch> event) {
        DocumentBatch batch = ProcessorBatches.current(key, events -> {
            DocumentBatch created = new DocumentBatch(mongo);
            prefetch.accept(created, events);
            return created;
        });
        event.accept(batch);
        if (ProcessorBatches.endOfBatch(key)) {
            batch.flush();
        }
    }

    /**
     * A prefetch for {@link #apply(String, ReactiveMongoTemplate, BiConsumer, Consumer)}: the documents of
     * {@code type} whose ids are the aggregate identifiers of the batch's events (a read model keyed like its
     * aggregate).
     */
    public static BiConsumer<DocumentBatch, List<? extends EventMessage<?>>> byAggregateId(Class<?> type) {
        return (batch, events) -> batch.prefetch(type, events.stream()
                .filter(DomainEventMessage.class::isInstance)
                .map(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                .toList());
    }

    /**
     * @param writeOrder collections (by document type) to write in this order, before any other the batch saves to
     */
    public DocumentBatch(ReactiveMongoTemplate mongo, Class<?>... writeOrder) {
        this.mongo = mongo;
        this.writeOrder.addAll(List.of(writeOrder));
    }

    /** The document with this id as the batch has it so far; null if there is none. */
    public <T> T find(Class<T> type, String id) {
        return documents(type).get(id);
    }

    /** The document with this id if the batch has read or saved it (null otherwise): never a query. */
    public <T> T peek(Class<T> type, String id) {
        return documents(type).known.get(id);
    }

    /** Loads the documents with these ids (of those the batch has not seen yet) with one query. */
    public <T> void prefetch(Class<T> type, Collection<String> ids) {
        documents(type).prefetch(ids);
    }

    /**
     * Saves (replaces or inserts) the document when the batch is written. One the batch found absent (a lookup or
     * prefetch answered none) is inserted, which spares the store the search a replacement starts with.
     */
    public <T> void save(T document) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) document.getClass();
        documents(type).put(idOf(document), document);
        writeOrder.add(type);
    }

    /**
     * Saves a document the batch holds to be new without having looked for it (one keyed by the event that makes it):
     * inserted when the batch is written, or replaced if it exists after all (the event was delivered again).
     */
    public <T> void insert(T document) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) document.getClass();
        Documents<T> documents = documents(type);
        String id = idOf(document);
        if (!documents.known.containsKey(id)) {
            documents.known.put(id, null);
        }
        documents.put(id, document);
        writeOrder.add(type);
    }

    /** Removes the document when the batch is written. */
    public void remove(Class<?> type, String id) {
        documents(type).put(id, null);
        writeOrder.add(type);
    }

    /**
     * Adds {@code value} to the set {@code field} of the document with this id (creating it) when the batch is
     * written, before the saved documents. The batch does not read such a document: for sets a projection only adds to.
     */
    public void addToSet(Class<?> type, String id, String field, Object value) {
        addedToSets.computeIfAbsent(type, key -> new LinkedHashMap<>())
                .computeIfAbsent(id, key -> new LinkedHashMap<>())
                .computeIfAbsent(field, key -> new LinkedHashSet<>())
                .add(value);
    }

    /** Runs {@code action} after the batch is written (in order), e.g. pushing a change to subscribers. */
    public void afterWrite(Runnable action) {
        afterWrite.add(action);
    }

    /** Writes every queued update and changed document, blocking until MongoDB acknowledged them, then the actions. */
    public void flush() {
        addedToSets.forEach((type, byId) -> {
            ReactiveBulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, type);
            byId.forEach((id, fields) -> {
                Update update = new Update();
                fields.forEach((field, values) -> update.addToSet(field).each(values.toArray()));
                bulk.upsert(byId(id), update);
            });
            bulk.execute().block();
        });
        addedToSets.clear();
        for (Class<?> type : writeOrder) {
            documents(type).flush();
        }
        List<Runnable> actions = List.copyOf(afterWrite);
        afterWrite.clear();
        actions.forEach(Runnable::run);
    }

    private String idOf(Object document) {
        MongoPersistentEntity<?> entity = mongo.getConverter().getMappingContext()
                .getRequiredPersistentEntity(document.getClass());
        return String.valueOf(entity.getIdentifierAccessor(document).getRequiredIdentifier());
    }

    @SuppressWarnings("unchecked")
    private <T> Documents<T> documents(Class<T> type) {
        return (Documents<T>) collections.computeIfAbsent(type, Documents::new);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }

    /** One collection's documents of this batch: what was read (null for "not there") and what changed. */
    private final class Documents<T> {

        private final Class<T> type;
        private final Map<String, T> known = new HashMap<>();
        private final Map<String, T> changed = new LinkedHashMap<>();
        /** Documents the batch found absent before it first saved them: inserted, not replaced. */
        private final Set<String> absent = new HashSet<>();

        Documents(Class<T> type) {
            this.type = type;
        }

        T get(String id) {
            if (!known.containsKey(id)) {
                known.put(id, mongo.findById(id, type).block());
            }
            return known.get(id);
        }

        void put(String id, T document) {
            if (!changed.containsKey(id) && known.containsKey(id) && known.get(id) == null) {
                absent.add(id);
            }
            known.put(id, document);
            changed.put(id, document);
        }

        void prefetch(Collection<String> ids) {
            Set<String> missing = new LinkedHashSet<>(ids);
            missing.removeAll(known.keySet());
            missing.remove(null);
            if (missing.isEmpty()) {
                return;
            }
            missing.forEach(id -> known.put(id, null));
            List<T> found = mongo.find(Query.query(Criteria.where("_id").in(missing)), type).collectList().block();
            if (found != null) {
                found.forEach(document -> known.put(idOf(document), document));
            }
        }

        void flush() {
            if (changed.isEmpty()) {
                return;
            }
            List<T> inserts = new ArrayList<>();
            List<Map.Entry<String, T>> writes = new ArrayList<>();
            changed.forEach((id, document) -> {
                if (document != null && absent.contains(id)) {
                    inserts.add(document);
                } else {
                    writes.add(new AbstractMap.SimpleEntry<>(id, document));
                }
            });
            for (int from = 0; from < inserts.size(); from += WRITES_PER_BULK) {
                insert(inserts.subList(from, Math.min(inserts.size(), from + WRITES_PER_BULK)), writes);
            }
            for (int from = 0; from < writes.size(); from += WRITES_PER_BULK) {
                ReactiveBulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, type);
                for (Map.Entry<String, T> write : writes.subList(from, Math.min(writes.size(), from + WRITES_PER_BULK))) {
                    if (write.getValue() == null) {
                        bulk.remove(byId(write.getKey()));
                    } else {
                        bulk.replaceOne(byId(write.getKey()), write.getValue(), FindAndReplaceOptions.options().upsert());
                    }
                }
                bulk.execute().block();
            }
            changed.clear();
            absent.clear();
        }

        /**
         * Inserts the documents; those whose key is taken (a batch applied again after a crash, or a document another
         * writer added meanwhile) are added to {@code replacements}, to be written as replacements.
         */
        private void insert(List<T> documents, List<Map.Entry<String, T>> replacements) {
            ReactiveBulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, type);
            bulk.insert(documents);
            try {
                bulk.execute().block();
            } catch (RuntimeException failure) {
                MongoBulkWriteException bulkFailure = bulkWriteFailure(failure);
                if (bulkFailure == null || bulkFailure.getWriteConcernError() != null
                        || !bulkFailure.getWriteErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)) {
                    throw failure;
                }
                for (BulkWriteError taken : bulkFailure.getWriteErrors()) {
                    T document = documents.get(taken.getIndex());
                    replacements.add(new AbstractMap.SimpleEntry<>(idOf(document), document));
                }
            }
        }
    }

    private static final int DUPLICATE_KEY = 11000;

    private static MongoBulkWriteException bulkWriteFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoBulkWriteException bulkFailure) {
                return bulkFailure;
            }
        }
        return null;
    }
}
