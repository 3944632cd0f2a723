package io.channelbook.query.deal;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** Which registration a CRM opportunity belongs to, keyed by the CRM's opportunity id: CRM updates resolve by id. */
@Document(DealCrmLinkDocument.COLLECTION)
record DealCrmLinkDocument(@Id String id, String registrationId) {

    static final String COLLECTION = "deal_crm_links";
}
