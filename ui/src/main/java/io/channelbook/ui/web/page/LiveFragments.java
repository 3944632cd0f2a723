package io.channelbook.ui.web.page;

import io.channelbook.api.ledger.EarningsSummary;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Renders the live parts of pages to HTML for Server-Sent Events, with the same fragments the pages use. */
@Component
class LiveFragments {

    private final ITemplateEngine templates;

    LiveFragments(ITemplateEngine templates) {
        this.templates = templates;
    }

    String earnings(EarningsSummary summary) {
        Context context = new Context(Locale.ENGLISH, Map.of("summary", summary, "fmt", Formats.INSTANCE));
        return templates.process("portal/earnings", Set.of("earnings"), context);
    }
}
