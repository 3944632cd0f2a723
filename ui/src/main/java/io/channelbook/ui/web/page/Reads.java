package io.channelbook.ui.web.page;

import io.channelbook.api.deal.DealView;
import io.channelbook.api.deal.FindDealQuery;
import io.channelbook.api.partner.FindPartnerQuery;
import io.channelbook.api.partner.FindPartnersQuery;
import io.channelbook.api.partner.PartnerPage;
import io.channelbook.api.partner.PartnerSummary;
import io.channelbook.api.partner.PartnerView;
import io.channelbook.ui.web.problem.ApiProblem;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** The queries pages ask, through the query gateway only, and read-your-writes waits after a command. */
@Component
class Reads {

    /** How long a page waits for a read model to show the change it just made before showing what it has. */
    private static final Duration CATCH_UP = Duration.ofSeconds(5);

    private final QueryGateway queries;

    Reads(QueryGateway queries) {
        this.queries = queries;
    }

    <R> Mono<R> one(Object query, Class<R> type) {
        return Mono.fromFuture(() -> queries.query(query, ResponseTypes.instanceOf(type)));
    }

    /** A deal as this viewer may see it (a partner's viewer id hides other partners' deals); 404 when not. */
    Mono<DealView> deal(String registrationId, String viewerPartnerId) {
        return one(new FindDealQuery(registrationId, viewerPartnerId), DealView.class)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("deal_not_found", "No deal with id " + registrationId)));
    }

    Mono<PartnerView> partner(String partnerId) {
        return one(new FindPartnerQuery(partnerId), PartnerView.class)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("partner_not_found", "No partner with id " + partnerId)));
    }

    /** Partner names by id, for lists that show partners of many deals. */
    Mono<Map<String, String>> partnerNames() {
        return one(new FindPartnersQuery(null, 0, 1000), PartnerPage.class).map(page -> {
            Map<String, String> names = new LinkedHashMap<>();
            for (PartnerSummary partner : page.items()) {
                names.put(partner.partnerId(), partner.legalName());
            }
            return names;
        }).defaultIfEmpty(Map.of());
    }

    /** Waits until the deal's read model satisfies the condition (the command that changed it has been projected). */
    Mono<DealView> dealWhen(String registrationId, String viewerPartnerId, Predicate<DealView> condition) {
        return Mono.defer(() -> one(new FindDealQuery(registrationId, viewerPartnerId), DealView.class))
                .filter(condition)
                .repeatWhenEmpty(repeats -> repeats.delayElements(Duration.ofMillis(100)))
                .timeout(CATCH_UP, Mono.empty());
    }

    Mono<PartnerView> partnerWhen(String partnerId, Predicate<PartnerView> condition) {
        return Mono.defer(() -> one(new FindPartnerQuery(partnerId), PartnerView.class))
                .filter(condition)
                .repeatWhenEmpty(repeats -> repeats.delayElements(Duration.ofMillis(100)))
                .timeout(CATCH_UP, Mono.empty());
    }
}
