package io.channelbook.ui.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.List;

/** A successful login of any kind, carrying the {@link ChannelbookUser} as its principal. No credentials are kept. */
public class ChannelbookAuthentication extends AbstractAuthenticationToken {

    private final ChannelbookUser user;

    public ChannelbookAuthentication(ChannelbookUser user) {
        super(List.of(new SimpleGrantedAuthority(user.role().authority())));
        this.user = user;
        setAuthenticated(true);
    }

    public ChannelbookUser user() {
        return user;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.email();
    }
}
