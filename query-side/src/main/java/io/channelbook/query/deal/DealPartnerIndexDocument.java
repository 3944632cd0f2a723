package io.channelbook.query.deal;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.List;

/**
 * The registrations of one partner, keyed by partner id, so that a partner's list is read by ids instead of by
 * scanning every partner's registrations. A registration never changes partner, so ids are only ever added.
 */
@Document(DealPartnerIndexDocument.COLLECTION)
record DealPartnerIndexDocument(@Id String id, List<String> registrationIds) {

    static final String COLLECTION = "deal_partner_index";
    static final String REGISTRATION_IDS = "registrationIds";
}
