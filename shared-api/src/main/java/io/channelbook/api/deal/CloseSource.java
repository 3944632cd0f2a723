package io.channelbook.api.deal;

/** Who reported a close or an amount change: the CRM integration or a channel manager by hand. */
public enum CloseSource {
    CRM,
    MANUAL
}
