package io.channelbook.ui.web.page;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The few server-rendered account pages, until the portal brings templates: one plain layout, escaped values, the
 * CSRF token in every form.
 */
final class Html {

    private Html() {
    }

    static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Channelbook</title>
                <style>
                body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #1b1f24; }
                label { display: block; margin-top: 1rem; font-weight: 600; }
                input { width: 100%%; padding: .5rem; font-size: 1rem; box-sizing: border-box; }
                button { margin-top: 1.5rem; padding: .6rem 1.2rem; font-size: 1rem; }
                .error { color: #a40e26; background: #ffebe9; padding: .5rem; border-radius: 4px; }
                .ok { color: #0f5323; background: #dafbe1; padding: .5rem; border-radius: 4px; }
                </style>
                </head>
                <body>
                <main>
                <h1>%s</h1>
                %s
                </main>
                </body>
                </html>
                """.formatted(escape(title), escape(title), body);
    }

    static String csrfField(CsrfToken token) {
        return "<input type=\"hidden\" name=\"" + escape(token.getParameterName()) + "\" value=\"" + escape(token.getToken()) + "\">";
    }

    static String message(String cssClass, String text) {
        return text == null ? "" : "<p class=\"" + cssClass + "\" role=\"alert\">" + escape(text) + "</p>";
    }

    static String escape(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value);
    }
}
