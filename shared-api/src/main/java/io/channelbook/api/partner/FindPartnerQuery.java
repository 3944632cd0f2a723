package io.channelbook.api.partner;

/** One partner's detail; answered with an optional {@link PartnerView}. */
public record FindPartnerQuery(String partnerId) {
}
