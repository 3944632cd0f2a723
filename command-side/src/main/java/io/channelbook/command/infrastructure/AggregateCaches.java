package io.channelbook.command.infrastructure;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.common.caching.NoCache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One bounded, least-recently-used cache per aggregate type, for Axon's caching event-sourcing repositories
 * ({@code @Aggregate(cache = ...)}): a command on an aggregate in the cache does not read and replay its events again.
 * The benchmark found the commission process manager spending most of its time replaying each partner's ledger, whose
 * stream grows with every entry (BENCHMARKS.md). Axon evicts an aggregate whose unit of work rolls back.
 * <p>
 * Sound when one JVM handles all commands and deadlines of an aggregate: the standalone mode, or the distributed mode
 * with one command-side instance (Axon Server also routes an aggregate's commands to one instance, but a deadline may
 * fire on another). Where that does not hold, set {@code channelbook.command.aggregate-caches=false}: a stale cached
 * aggregate would then make a command fail on the event store's sequence check.
 */
@Configuration
public class AggregateCaches {

    public static final String PARTNER_LEDGERS = "partnerLedgerCache";
    public static final String DEAL_REGISTRATIONS = "dealRegistrationCache";
    public static final String CUSTOMER_CLAIMS = "customerClaimCache";
    public static final String PARTNERS = "partnerCache";
    public static final String PLANS = "commissionPlanCache";
    public static final String PLAN_ASSIGNMENTS = "planAssignmentsCache";
    public static final String PROTECTION_WINDOWS = "protectionWindowsCache";

    private final CacheManager caches = CacheManagerBuilder.newCacheManagerBuilder().build(true);
    private final boolean enabled;

    AggregateCaches(@Value("${channelbook.command.aggregate-caches:true}") boolean enabled) {
        this.enabled = enabled;
    }

    @Bean(PARTNER_LEDGERS)
    Cache partnerLedgerCache() {
        return cache(PARTNER_LEDGERS, 2_000);
    }

    @Bean(DEAL_REGISTRATIONS)
    Cache dealRegistrationCache() {
        return cache(DEAL_REGISTRATIONS, 20_000);
    }

    @Bean(CUSTOMER_CLAIMS)
    Cache customerClaimCache() {
        return cache(CUSTOMER_CLAIMS, 20_000);
    }

    @Bean(PARTNERS)
    Cache partnerCache() {
        return cache(PARTNERS, 5_000);
    }

    @Bean(PLANS)
    Cache commissionPlanCache() {
        return cache(PLANS, 500);
    }

    @Bean(PLAN_ASSIGNMENTS)
    Cache planAssignmentsCache() {
        return cache(PLAN_ASSIGNMENTS, 10);
    }

    @Bean(PROTECTION_WINDOWS)
    Cache protectionWindowsCache() {
        return cache(PROTECTION_WINDOWS, 10);
    }

    @SuppressWarnings("unchecked")
    private Cache cache(String name, int entries) {
        if (!enabled) {
            return NoCache.INSTANCE;
        }
        return new EhCache3Adapter((Ehcache<Object, Object>) caches.createCache(name,
                CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class, Object.class,
                        ResourcePoolsBuilder.heap(entries))));
    }
}
