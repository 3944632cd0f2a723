package io.channelbook.ui.web.page;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Who the user is: email, role, partner; links to the password change. */
@Controller
class ProfilePages {

    @GetMapping("/account/profile")
    String profile() {
        return "account/profile";
    }
}
