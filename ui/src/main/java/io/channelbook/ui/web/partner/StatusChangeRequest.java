package io.channelbook.ui.web.partner;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of a partner status change: why it is made. */
public record StatusChangeRequest(@NotBlank @Size(max = 1000) String reason) {
}
