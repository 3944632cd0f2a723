package io.channelbook.ui.demo;

import io.channelbook.api.commission.AssignCommissionPlanCommand;
import io.channelbook.api.commission.CommissionPlanAssignments;
import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CommissionRule;
import io.channelbook.api.commission.CreateCommissionPlanCommand;
import io.channelbook.api.commission.PeriodUnit;
import io.channelbook.api.commission.PlanScope;
import io.channelbook.api.commission.PublishCommissionPlanCommand;
import io.channelbook.api.commission.RuleKind;
import io.channelbook.api.commission.ScopeKind;
import io.channelbook.api.commission.TouchShares;
import io.channelbook.api.commission.UpdateCommissionPlanDraftCommand;
import io.channelbook.api.common.MetadataKeys;
import io.channelbook.api.deal.ApproveDealRegistrationCommand;
import io.channelbook.api.deal.CloseDealLostCommand;
import io.channelbook.api.deal.CloseDealWonCommand;
import io.channelbook.api.deal.CloseSource;
import io.channelbook.api.deal.CustomerContact;
import io.channelbook.api.deal.RefundDealCommand;
import io.channelbook.api.deal.RejectDealRegistrationCommand;
import io.channelbook.api.deal.SubmitDealRegistrationCommand;
import io.channelbook.api.ledger.AdjustLedgerCommand;
import io.channelbook.api.ledger.EarningsSummary;
import io.channelbook.api.ledger.FindEarningsSummaryQuery;
import io.channelbook.api.ledger.LedgerIds;
import io.channelbook.api.ledger.RecordPayoutCommand;
import io.channelbook.api.money.Money;
import io.channelbook.api.partner.ActivatePartnerCommand;
import io.channelbook.api.partner.ChangePartnerTierCommand;
import io.channelbook.api.partner.FindPartnersQuery;
import io.channelbook.api.partner.PartnerPage;
import io.channelbook.api.partner.PrimaryContact;
import io.channelbook.api.partner.ProgramType;
import io.channelbook.api.partner.RegisterPartnerCommand;
import io.channelbook.api.partner.SuspendPartnerCommand;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.account.UserAccount;
import io.channelbook.ui.security.account.UserAccountStore;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code CHANNELBOOK_DEMO=true}: on a start with no partners, seeds a small living program through the command
 * gateway, as people would have made it: partners in several tiers, two plans (one with two versions) assigned to the
 * program and a tier, deals in every state but expired, won deals with their accruals, a partial refund, an
 * adjustment and a payout, and logins for every role (all with the password {@value #PASSWORD}).
 */
@Component
@ConditionalOnProperty(name = "channelbook.demo", havingValue = "true")
@Order(100)
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "channelbook-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final MetaData WHO = MetaData.from(Map.of(MetadataKeys.ACTOR_ID, "system:demo-data",
            MetadataKeys.ACTOR_ROLE, "SYSTEM", MetadataKeys.REQUEST_ID, "demo-data", MetadataKeys.CORRELATION_ID, "demo-data"));

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final UserAccountStore accounts;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    DemoData(CommandGateway commands, QueryGateway queries, UserAccountStore accounts, PasswordEncoder passwordEncoder, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        PartnerPage existing = queries.query(new FindPartnersQuery(null, 0, 1), ResponseTypes.instanceOf(PartnerPage.class)).join();
        if (existing != null && existing.total() > 0) {
            log.info("Demo data: partners exist already, nothing seeded");
            return;
        }
        // in the background, so the application is up at once; the pages fill within seconds
        Thread seeder = new Thread(this::seed, "demo-data");
        seeder.setDaemon(true);
        seeder.start();
    }

    private void seed() {
        try {
            LocalDate today = LocalDate.now(clock);
            String alpenblick = partner("Alpenblick IT GmbH", "DE", "alpenblick-it.de", ProgramType.RESELLER, "Ana Berger", "ana@alpenblick-it.de", "GOLD");
            String northwind = partner("Northwind Referral Ltd", "GB", "northwind-referral.co.uk", ProgramType.REFERRAL, "Nora Hale", "nora@northwind-referral.co.uk", "PLATINUM");
            String lumen = partner("Lumen Services BV", "NL", "lumen-services.nl", ProgramType.SERVICES, "Lars de Vries", "lars@lumen-services.nl", "SILVER");
            String kestrel = partner("Kestrel Systems AB", "SE", "kestrel-systems.se", ProgramType.RESELLER, "Karin Lund", "karin@kestrel-systems.se", "SILVER");
            String bayside = partner("Bayside Cloud Inc", "US", "bayside-cloud.com", ProgramType.RESELLER, "Ben Carter", "ben@bayside-cloud.com", null);
            send(new SuspendPartnerCommand(kestrel, "Reseller agreement under renegotiation"));

            String standard = "demo-plan-standard";
            send(new CreateCommissionPlanCommand(standard, "Standard resale", terms(List.of(percent("base", "0.08", "8% of the deal")), 30)));
            send(new PublishCommissionPlanCommand(standard, today));
            // version 2 raises the rate from next month; deals closed before keep version 1
            send(new UpdateCommissionPlanDraftCommand(standard, terms(List.of(percent("base", "0.10", "10% of the deal")), 30)));
            send(new PublishCommissionPlanCommand(standard, today.plusMonths(1).withDayOfMonth(1)));
            send(new AssignCommissionPlanCommand(CommissionPlanAssignments.ID, PlanScope.PROGRAM, standard));

            String platinum = "demo-plan-platinum";
            send(new CreateCommissionPlanCommand(platinum, "Platinum referral", terms(List.of(
                    percent("share", "0.05", "5% of the deal"),
                    new CommissionRule("bounty", RuleKind.FLAT_PER_DEAL, "Bounty per won deal", Money.ofMinor(50_000, "EUR"),
                            null, null, null, null, null, null, null, null, null)), 0)));
            send(new PublishCommissionPlanCommand(platinum, today));
            send(new AssignCommissionPlanCommand(CommissionPlanAssignments.ID, new PlanScope(ScopeKind.TIER, "PLATINUM"), platinum));

            // Alpenblick: every state
            String won1 = won(alpenblick, "Hofmann Maschinenbau", "hofmann-maschinenbau.de", "48000.00", today);
            String won2 = won(alpenblick, "Stadtwerke Lindau", "stadtwerke-lindau.de", "22500.00", today);
            send(new RefundDealCommand(won2, Money.ofMajor(new BigDecimal("4500.00"), "EUR"), "CN-2291 partial refund", CloseSource.MANUAL));
            approved(alpenblick, "Brenner Logistik", "brenner-logistik.de", "31000.00");
            submitted(alpenblick, "Seeblick Hotels", "seeblick-hotels.de", "12000.00");
            String rejected = submitted(alpenblick, "Kaufmann Retail", "kaufmann-retail.de", "8000.00");
            send(new RejectDealRegistrationCommand(rejected, "NOT_QUALIFIED", "Existing direct customer of the vendor"));
            String lost = approved(alpenblick, "Vogel Pharma", "vogel-pharma.de", "65000.00");
            send(new CloseDealLostCommand(lost, "Customer chose a competitor", CloseSource.MANUAL));
            // Northwind: a won referral and a conflicting registration of a customer Alpenblick holds
            won(northwind, "Thames Analytics", "thames-analytics.co.uk", "18000.00", today);
            submitted(northwind, "Brenner Logistik", "brenner-logistik.de", "29000.00");
            submitted(lumen, "Delta Zorg", "delta-zorg.nl", "15500.00");

            users(alpenblick, northwind);
            awaitEarnings(alpenblick);
            awaitEarnings(northwind);
            send(new AdjustLedgerCommand(LedgerIds.ofPartner(alpenblick), alpenblick, "demo-adjustment-1",
                    Money.ofMajor(new BigDecimal("150.00"), "EUR"), "Co-marketing fund for the autumn campaign"));
            send(new RecordPayoutCommand(LedgerIds.ofPartner(northwind), northwind, "demo-payout-1",
                    Money.ofMajor(new BigDecimal("500.00"), "EUR"), "SEPA-2026-0042", today));
            log.info("Demo data seeded: log in at /login with one of the demo accounts (password {})", PASSWORD);
        } catch (RuntimeException failed) {
            log.warn("Demo data could not be seeded completely: {}", failed.getMessage(), failed);
        }
    }

    private String partner(String name, String country, String domain, ProgramType type, String contact, String email, String tier) {
        String id = UUID.randomUUID().toString();
        send(new RegisterPartnerCommand(id, name, country, domain, type, new PrimaryContact(contact, email)));
        if (tier != null) {
            send(new ActivatePartnerCommand(id, "Agreement signed"));
        }
        if (tier != null) {
            send(new ChangePartnerTierCommand(id, tier, "Annual tier review"));
        }
        return id;
    }

    private String submitted(String partnerId, String customer, String domain, String amount) {
        String id = UUID.randomUUID().toString();
        send(new SubmitDealRegistrationCommand(id, partnerId, customer, domain, country(domain),
                new CustomerContact("Procurement", "buying@" + domain), List.of("PLATFORM-PRO", "SUPPORT-GOLD"),
                Money.ofMajor(new BigDecimal(amount), "EUR"), LocalDate.now(clock).plusMonths(2), "Registered by the demo data", null));
        return id;
    }

    private static String country(String domain) {
        String suffix = domain.substring(domain.lastIndexOf('.') + 1);
        return switch (suffix) {
            case "uk" -> "GB";
            case "com" -> "US";
            default -> suffix.toUpperCase(java.util.Locale.ROOT);
        };
    }

    private String approved(String partnerId, String customer, String domain, String amount) {
        String id = submitted(partnerId, customer, domain, amount);
        send(new ApproveDealRegistrationCommand(id, 90, 14));
        return id;
    }

    private String won(String partnerId, String customer, String domain, String amount, LocalDate closeDate) {
        String id = approved(partnerId, customer, domain, amount);
        send(new CloseDealWonCommand(id, Money.ofMajor(new BigDecimal(amount), "EUR"), closeDate, List.of(), CloseSource.MANUAL));
        return id;
    }

    private void users(String alpenblick, String northwind) {
        user("pat.admin@channelbook.local", "Pat Admin", Role.PROGRAM_ADMIN, null);
        user("carla.manager@channelbook.local", "Carla Manager", Role.CHANNEL_MANAGER, null);
        user("felix.finance@channelbook.local", "Felix Finance", Role.FINANCE, null);
        user("andy.analyst@channelbook.local", "Andy Analyst", Role.ANALYST, null);
        user("ana@alpenblick-it.de", "Ana Berger", Role.PARTNER_ADMIN, alpenblick);
        user("jonas@alpenblick-it.de", "Jonas Weber", Role.PARTNER_USER, alpenblick);
        user("nora@northwind-referral.co.uk", "Nora Hale", Role.PARTNER_ADMIN, northwind);
    }

    private void user(String email, String name, Role role, String partnerId) {
        Instant now = clock.instant();
        accounts.create(new UserAccount(email, UUID.randomUUID().toString(), name, passwordEncoder.encode(PASSWORD), role,
                partnerId, true, false, now, now)).block(Duration.ofSeconds(10));
    }

    /** Adjustments and payouts go to a ledger that exists: wait for the accruals the process manager books. */
    private void awaitEarnings(String partnerId) {
        Instant deadline = clock.instant().plusSeconds(30);
        while (clock.instant().isBefore(deadline)) {
            EarningsSummary summary = queries.query(new FindEarningsSummaryQuery(partnerId), ResponseTypes.instanceOf(EarningsSummary.class)).join();
            if (summary != null && !summary.balances().isEmpty()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static CommissionRule percent(String id, String rate, String description) {
        return new CommissionRule(id, RuleKind.PERCENT_OF_DEAL, description, null, null, new BigDecimal(rate), null, null, null,
                null, null, null, null);
    }

    private static CommissionPlanTerms terms(List<CommissionRule> rules, int holdDays) {
        return new CommissionPlanTerms(rules, Map.of("SILVER", new BigDecimal("1.0"), "GOLD", new BigDecimal("1.2"), "PLATINUM", new BigDecimal("1.5")),
                Map.of(), Map.of(), null, null, TouchShares.SOURCED_ONLY, holdDays, PeriodUnit.MONTH);
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(WHO));
    }
}
