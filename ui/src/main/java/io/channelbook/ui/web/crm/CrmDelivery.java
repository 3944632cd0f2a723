package io.channelbook.ui.web.crm;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One CRM webhook delivery, keyed by its delivery id: claimed before its command runs (so a concurrent repeat cannot
 * run it twice), then completed with the answer a repeat gets. A failed delivery's claim is removed, so the CRM's
 * retry with the same id can succeed.
 */
@Document(CrmDelivery.COLLECTION)
record CrmDelivery(@Id String deliveryId, String bodySha256, Instant receivedAt, Integer status, String response) {

    static final String COLLECTION = "crm_deliveries";

    boolean completed() {
        return status != null;
    }
}
