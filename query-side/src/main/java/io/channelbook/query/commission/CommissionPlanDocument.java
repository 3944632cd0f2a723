package io.channelbook.query.commission;

import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CommissionPlanView;
import io.channelbook.api.commission.PlanScope;
import io.channelbook.api.commission.PlanVersionView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One commission plan, keyed by plan id. Terms are stored as JSON text ({@code draftTerms}, {@code terms}): their maps
 * are keyed by product, category, tier and partner names, which MongoDB field names cannot always carry (dots).
 * <p>
 * The document is fed by two streams: the plan's own ({@code planSequence}: last applied sequence number) and the
 * one assignments aggregate ({@code assignmentSequence}). {@code created} is false while only an assignment has been
 * seen (the plan's creation not yet), and such a document is not answered.
 */
@Document(CommissionPlanDocument.COLLECTION)
record CommissionPlanDocument(
        @Id String id,
        String name,
        String sortName,
        boolean created,
        Integer draftVersion,
        String draftTerms,
        List<Version> versions,
        List<PlanScope> assignedTo,
        long planSequence,
        long assignmentSequence) {

    static final String COLLECTION = "commission_plans";
    static final String SORT_NAME = "sortName";
    static final String CREATED = "created";

    record Version(int version, LocalDate effectiveFrom, Instant publishedAt, String terms) {
    }

    static CommissionPlanDocument unknown(String planId) {
        return new CommissionPlanDocument(planId, null, null, false, null, null, List.of(), List.of(), -1, -1);
    }

    CommissionPlanDocument created(String newName, String terms, long sequence) {
        return new CommissionPlanDocument(id, newName, newName == null ? null : newName.toLowerCase(Locale.ROOT),
                true, 1, terms, versions, assignedTo, sequence, assignmentSequence);
    }

    CommissionPlanDocument withDraft(int newDraftVersion, String terms, long sequence) {
        return new CommissionPlanDocument(id, name, sortName, created, newDraftVersion, terms, versions, assignedTo,
                sequence, assignmentSequence);
    }

    CommissionPlanDocument published(Version version, long sequence) {
        List<Version> newVersions = new ArrayList<>(versions);
        newVersions.removeIf(existing -> existing.version() == version.version());
        newVersions.add(version);
        newVersions.sort(Comparator.comparingInt(Version::version));
        return new CommissionPlanDocument(id, name, sortName, created, null, null, newVersions, assignedTo, sequence,
                assignmentSequence);
    }

    CommissionPlanDocument assigned(PlanScope scope, long sequence) {
        List<PlanScope> scopes = new ArrayList<>(assignedTo);
        if (!scopes.contains(scope)) {
            scopes.add(scope);
        }
        return withAssignedTo(scopes, sequence);
    }

    CommissionPlanDocument unassigned(PlanScope scope, long sequence) {
        List<PlanScope> scopes = new ArrayList<>(assignedTo);
        scopes.remove(scope);
        return withAssignedTo(scopes, sequence);
    }

    private CommissionPlanDocument withAssignedTo(List<PlanScope> scopes, long sequence) {
        return new CommissionPlanDocument(id, name, sortName, created, draftVersion, draftTerms, versions, scopes,
                planSequence, sequence);
    }

    CommissionPlanView toView(Function<String, CommissionPlanTerms> terms) {
        return new CommissionPlanView(id, name, draftVersion, draftTerms == null ? null : terms.apply(draftTerms),
                versions.stream().map(version -> new PlanVersionView(version.version(), version.effectiveFrom(),
                        version.publishedAt(), terms.apply(version.terms()))).toList(),
                List.copyOf(assignedTo));
    }
}
