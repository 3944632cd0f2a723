package io.channelbook.ui.web.page;

import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CommissionRule;
import io.channelbook.api.commission.PeriodUnit;
import io.channelbook.api.commission.RateBand;
import io.channelbook.api.commission.RuleKind;
import io.channelbook.api.commission.TouchShares;
import io.channelbook.api.money.Money;
import io.channelbook.ui.web.commission.CommissionPlanRequests;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.util.MultiValueMap;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan draft as typed into the console's form: every value a string, so a refused form comes back exactly as it
 * was typed. Money is written {@code 250.00 EUR}; rates and multipliers as fractions ({@code 0.10} = 10%); maps one
 * {@code key=value} per line; bands one {@code from=rate} per line ({@code 50000 EUR=0.07}). The form maps onto the
 * API's request records ({@link CommissionPlanRequests}), is checked the way the API checks a body, and whether the
 * terms make sense is left to the command side, whose findings are put next to the fields they name. Public, with
 * its rows, because templates call {@link RuleRow#field} and {@link RuleRow#isBlank}.
 */
public record PlanForm(String name, String holdDays, String period, String capPerDeal, String capPerPeriod, String sharesSourced,
                String sharesInfluenced, String sharesDelivered, String tierMultipliers, String partnerMultipliers,
                String productCategories, List<RuleRow> rules) {

    /** One rule row; {@code index} is its position in the form, which names its fields ({@code rules[2].rate}). */
    public record RuleRow(int index, String ruleId, String kind, String description, String rate, String bounty, String productBounties,
                   String productRates, String categoryRates, String bands, String months, String target, String growthPercent,
                   String capPerDeal) {

        static RuleRow blank(int index) {
            return new RuleRow(index, "", "", "", "", "", "", "", "", "", "", "", "", "");
        }

        public boolean isBlank() {
            return List.of(ruleId, kind, description, rate, bounty, productBounties, productRates, categoryRates, bands, months,
                    target, growthPercent, capPerDeal).stream().allMatch(String::isBlank);
        }

        public String field(String name) {
            return "rules[" + index + "]." + name;
        }
    }

    /** The rule kinds each rule field is for; a field is sent only for those kinds. Description and cap: any. */
    static final Map<String, Set<RuleKind>> FIELD_KINDS = Map.of(
            "bounty", EnumSet.of(RuleKind.FLAT_PER_DEAL),
            "productBounties", EnumSet.of(RuleKind.FLAT_PER_PRODUCT),
            "rate", EnumSet.of(RuleKind.PERCENT_OF_DEAL, RuleKind.PERCENT_PER_LINE, RuleKind.RECURRING_SHARE,
                    RuleKind.VOLUME_REBATE, RuleKind.GROWTH_REBATE),
            "productRates", EnumSet.of(RuleKind.PERCENT_PER_LINE),
            "categoryRates", EnumSet.of(RuleKind.PERCENT_PER_LINE),
            "bands", EnumSet.of(RuleKind.TIERED_MARGINAL, RuleKind.TIERED_RETROACTIVE),
            "months", EnumSet.of(RuleKind.RECURRING_SHARE),
            "target", EnumSet.of(RuleKind.VOLUME_REBATE),
            "growthPercent", EnumSet.of(RuleKind.GROWTH_REBATE));

    private static final Pattern RULE_FIELD = Pattern.compile("rules\\[(\\d{1,2})]\\.(\\w+)");
    private static final Pattern MONEY = Pattern.compile("(?i)^\\s*(?:([A-Z]{3})\\s+)?(-?[0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(?:([A-Z]{3}))?\\s*$");
    private static final int MAX_RULES = 50;

    /** For the data-kinds attribute of a rule field: the kinds it applies to, space separated. */
    static String kindsOf(String field) {
        Set<RuleKind> kinds = FIELD_KINDS.get(field);
        return kinds == null ? "" : String.join(" ", kinds.stream().map(Enum::name).toList());
    }

    static PlanForm empty() {
        return new PlanForm("", "30", PeriodUnit.MONTH.name(), "", "", "", "", "", "", "", "",
                List.of(RuleRow.blank(0), RuleRow.blank(1)));
    }

    /** A form holding these terms (the draft, or the latest version to start the next draft from), plus one blank rule row. */
    static PlanForm of(String name, CommissionPlanTerms terms) {
        List<RuleRow> rows = new ArrayList<>();
        List<CommissionRule> rules = terms.rules() == null ? List.of() : terms.rules();
        for (CommissionRule rule : rules) {
            int i = rows.size();
            rows.add(new RuleRow(i, text(rule.ruleId()), rule.kind() == null ? "" : rule.kind().name(), text(rule.description()),
                    decimal(rule.rate()), money(rule.bounty()), lines(rule.productBounties(), PlanForm::money),
                    lines(rule.productRates(), PlanForm::decimal), lines(rule.categoryRates(), PlanForm::decimal),
                    bands(rule.bands()), rule.months() == null ? "" : rule.months().toString(), money(rule.target()),
                    decimal(rule.growthPercent()), money(rule.capPerDeal())));
        }
        rows.add(RuleRow.blank(rows.size()));
        TouchShares shares = terms.shares();
        boolean defaultShares = shares == null || shares.equals(TouchShares.SOURCED_ONLY);
        return new PlanForm(text(name), Integer.toString(terms.holdDays()), terms.period() == null ? "" : terms.period().name(),
                money(terms.capPerDeal()), money(terms.capPerPeriod()),
                defaultShares ? "" : Integer.toString(shares.sourced()), defaultShares ? "" : Integer.toString(shares.influenced()),
                defaultShares ? "" : Integer.toString(shares.delivered()),
                lines(terms.tierMultipliers(), PlanForm::decimal), lines(terms.partnerMultipliers(), PlanForm::decimal),
                lines(terms.productCategories(), Function.identity()), rows);
    }

    static PlanForm of(MultiValueMap<String, String> fields) {
        TreeSet<Integer> indexes = new TreeSet<>();
        for (String key : fields.keySet()) {
            Matcher rule = RULE_FIELD.matcher(key);
            if (rule.matches()) {
                indexes.add(Integer.parseInt(rule.group(1)));
            }
        }
        List<RuleRow> rows = new ArrayList<>();
        for (int index : indexes) {
            if ("true".equals(fields.getFirst("rules[" + index + "].remove"))) {
                continue;
            }
            java.util.function.Function<String, String> f = name -> value(fields, "rules[" + index + "]." + name);
            RuleRow row = new RuleRow(rows.size(), f.apply("ruleId"), f.apply("kind"), f.apply("description"), f.apply("rate"),
                    f.apply("bounty"), f.apply("productBounties"), f.apply("productRates"), f.apply("categoryRates"), f.apply("bands"),
                    f.apply("months"), f.apply("target"), f.apply("growthPercent"), f.apply("capPerDeal"));
            if (!row.isBlank() && rows.size() < MAX_RULES) {
                rows.add(row);
            }
        }
        if (fields.containsKey("addRule") || rows.isEmpty()) {
            rows.add(RuleRow.blank(rows.size()));
        }
        return new PlanForm(value(fields, "name"), value(fields, "holdDays"), value(fields, "period"), value(fields, "capPerDeal"),
                value(fields, "capPerPeriod"), value(fields, "sharesSourced"), value(fields, "sharesInfluenced"),
                value(fields, "sharesDelivered"), value(fields, "tierMultipliers"), value(fields, "partnerMultipliers"),
                value(fields, "productCategories"), rows);
    }

    /** The form with a blank row at the end, for showing it again. */
    PlanForm withBlankRow() {
        if (!rules.isEmpty() && rules.get(rules.size() - 1).isBlank()) {
            return this;
        }
        List<RuleRow> rows = new ArrayList<>(rules);
        rows.add(RuleRow.blank(rows.size()));
        return new PlanForm(name, holdDays, period, capPerDeal, capPerPeriod, sharesSourced, sharesInfluenced, sharesDelivered,
                tierMultipliers, partnerMultipliers, productCategories, rows);
    }

    /** What was typed as the API's request, or the problems found on the way, by field name. */
    record Parsed(CommissionPlanRequests.Terms terms, Map<String, String> errors) {
    }

    Parsed parse(Validator validator) {
        Map<String, String> errors = new LinkedHashMap<>();
        Parser p = new Parser(errors);
        List<CommissionPlanRequests.Rule> parsedRules = new ArrayList<>();
        List<RuleRow> kept = rules.stream().filter(row -> !row.isBlank()).toList();
        List<String> ids = ruleIds(kept);
        for (int r = 0; r < kept.size(); r++) {
            RuleRow row = kept.get(r);
            RuleKind kind = null;
            if (row.kind().isBlank()) {
                errors.put(row.field("kind"), "Choose the kind of rule.");
            } else {
                try {
                    kind = RuleKind.valueOf(row.kind().strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException unknown) {
                    errors.put(row.field("kind"), "Choose the kind of rule.");
                }
            }
            String ruleId = ids.get(r);
            RuleKind k = kind;
            java.util.function.Predicate<String> uses = field -> k == null || FIELD_KINDS.get(field).contains(k);
            parsedRules.add(new CommissionPlanRequests.Rule(ruleId, kind, blankToNull(row.description()),
                    uses.test("bounty") ? p.money(row.field("bounty"), row.bounty()) : null,
                    uses.test("productBounties") ? p.map(row.field("productBounties"), row.productBounties(), p::moneyValue) : null,
                    uses.test("rate") ? p.decimal(row.field("rate"), row.rate()) : null,
                    uses.test("productRates") ? p.map(row.field("productRates"), row.productRates(), p::decimalValue) : null,
                    uses.test("categoryRates") ? p.map(row.field("categoryRates"), row.categoryRates(), p::decimalValue) : null,
                    uses.test("bands") ? p.bands(row.field("bands"), row.bands()) : null,
                    uses.test("months") ? p.integer(row.field("months"), row.months()) : null,
                    uses.test("target") ? p.money(row.field("target"), row.target()) : null,
                    uses.test("growthPercent") ? p.decimal(row.field("growthPercent"), row.growthPercent()) : null,
                    p.money(row.field("capPerDeal"), row.capPerDeal())));
        }
        if (kept.isEmpty()) {
            errors.put("rules", "Add at least one rule.");
        }
        PeriodUnit periodUnit = null;
        if (period.isBlank()) {
            errors.put("period", "Choose the counting period.");
        } else {
            try {
                periodUnit = PeriodUnit.valueOf(period.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                errors.put("period", "Choose month, quarter or year.");
            }
        }
        Integer hold = p.integer("holdDays", holdDays);
        if (hold == null && !errors.containsKey("holdDays")) {
            errors.put("holdDays", "Enter the days an accrual is held (0: payable at once).");
        }
        CommissionPlanRequests.Shares shares = null;
        if (!(sharesSourced.isBlank() && sharesInfluenced.isBlank() && sharesDelivered.isBlank())) {
            Integer sourced = p.integer("shares", sharesSourced.isBlank() ? "0" : sharesSourced);
            Integer influenced = p.integer("shares", sharesInfluenced.isBlank() ? "0" : sharesInfluenced);
            Integer delivered = p.integer("shares", sharesDelivered.isBlank() ? "0" : sharesDelivered);
            shares = new CommissionPlanRequests.Shares(sourced, influenced, delivered);
        }
        CommissionPlanRequests.Terms terms = new CommissionPlanRequests.Terms(parsedRules,
                p.map("tierMultipliers", tierMultipliers, p::decimalValue),
                p.map("partnerMultipliers", partnerMultipliers, p::decimalValue),
                p.map("productCategories", productCategories, (field, text) -> text.strip()),
                p.money("capPerDeal", capPerDeal), p.money("capPerPeriod", capPerPeriod), shares,
                hold == null ? 0 : hold, periodUnit);
        if (errors.isEmpty()) {
            for (ConstraintViolation<CommissionPlanRequests.Terms> violation : validator.validate(terms)) {
                errors.putIfAbsent(formField(violation.getPropertyPath().toString(), kept), violation.getMessage());
            }
        }
        return new Parsed(errors.isEmpty() ? terms : null, errors);
    }

    /** The rule ids of the kept rows: as typed, or a short one (r1, r2…) where none was, since every accrual names its rule. */
    private static List<String> ruleIds(List<RuleRow> kept) {
        Set<String> used = new TreeSet<>();
        kept.forEach(row -> used.add(row.ruleId().strip()));
        List<String> ids = new ArrayList<>();
        int generated = 1;
        for (RuleRow row : kept) {
            String id = row.ruleId().strip();
            if (id.isEmpty()) {
                while (used.contains("r" + generated)) {
                    generated++;
                }
                id = "r" + generated;
                used.add(id);
            }
            ids.add(id);
        }
        return ids;
    }

    /** A name is required when a plan is created. */
    Map<String, String> nameErrors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (name.isBlank()) {
            errors.put("name", "Give the plan a name.");
        } else if (name.strip().length() > 200) {
            errors.put("name", "At most 200 characters.");
        }
        return errors;
    }

    /**
     * The command side names what it refuses ("rule r2 rate: -0.1 is not between 0 and 1; plan holdDays: …"): each
     * finding goes next to its field; what names no field stays in the general message.
     */
    Map<String, String> placeRefusal(String message) {
        Map<String, String> placed = new LinkedHashMap<>();
        List<RuleRow> kept = rules.stream().filter(row -> !row.isBlank()).toList();
        List<String> ids = ruleIds(kept);
        Pattern ruleProblem = Pattern.compile("^rule (\\S+) (\\w+)(?:\\[[^]]*])?: (.*)$");
        Pattern planProblem = Pattern.compile("^plan (\\w+)(?: \\w+)?: (.*)$");
        for (String problem : message.split("; ")) {
            Matcher rule = ruleProblem.matcher(problem.strip());
            Matcher plan = planProblem.matcher(problem.strip());
            if (rule.matches()) {
                int at = ids.indexOf(rule.group(1));
                if (at >= 0) {
                    placed.merge(kept.get(at).field(rule.group(2)), capitalize(rule.group(3)), (a, b) -> a + " " + b);
                }
            } else if (plan.matches()) {
                String field = switch (plan.group(1)) {
                    case "shares" -> "shares";
                    case "rules" -> "rules";
                    default -> plan.group(1);
                };
                placed.merge(field, capitalize(plan.group(2)), (a, b) -> a + " " + b);
            }
        }
        return placed;
    }

    /** The request's property path ({@code rules[1].bounty.amount}, {@code shares.sourced}) as the form's field. */
    private static String formField(String path, List<RuleRow> kept) {
        Matcher rule = Pattern.compile("^rules\\[(\\d+)]\\.(\\w+).*").matcher(path);
        if (rule.matches()) {
            int i = Integer.parseInt(rule.group(1));
            return i < kept.size() ? kept.get(i).field(rule.group(2)) : "rules";
        }
        int cut = path.indexOf('.');
        String head = cut < 0 ? path : path.substring(0, cut);
        int bracket = head.indexOf('[');
        return bracket < 0 ? head : head.substring(0, bracket);
    }

    /** Parses typed values, noting a problem per field. */
    private static final class Parser {

        private final Map<String, String> errors;

        Parser(Map<String, String> errors) {
            this.errors = errors;
        }

        BigDecimal decimal(String field, String text) {
            return text.isBlank() ? null : decimalValue(field, text);
        }

        BigDecimal decimalValue(String field, String text) {
            try {
                return new BigDecimal(text.strip().replace(",", ""));
            } catch (NumberFormatException invalid) {
                errors.putIfAbsent(field, "Enter a decimal number such as 0.10 (for 10%).");
                return null;
            }
        }

        Integer integer(String field, String text) {
            if (text.isBlank()) {
                return null;
            }
            try {
                return Integer.valueOf(text.strip());
            } catch (NumberFormatException invalid) {
                errors.putIfAbsent(field, "Enter a whole number.");
                return null;
            }
        }

        CommissionPlanRequests.Amount money(String field, String text) {
            return text.isBlank() ? null : moneyValue(field, text);
        }

        CommissionPlanRequests.Amount moneyValue(String field, String text) {
            Matcher money = MONEY.matcher(text);
            String currency = money.matches() ? (money.group(1) != null ? money.group(1) : money.group(3)) : null;
            if (currency == null || (money.group(1) != null && money.group(3) != null)) {
                errors.putIfAbsent(field, "Enter an amount with its currency, such as 250.00 EUR.");
                return null;
            }
            return new CommissionPlanRequests.Amount(new BigDecimal(money.group(2).replace(",", "")), currency.toUpperCase(Locale.ROOT));
        }

        <V> Map<String, V> map(String field, String text, java.util.function.BiFunction<String, String, V> value) {
            Map<String, V> map = new LinkedHashMap<>();
            for (String line : text.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0 || eq == line.length() - 1) {
                    errors.putIfAbsent(field, "Write one key=value per line; \"" + abbreviate(line.strip()) + "\" is not.");
                    continue;
                }
                V parsed = value.apply(field, line.substring(eq + 1).strip());
                if (parsed != null) {
                    map.put(line.substring(0, eq).strip(), parsed);
                }
            }
            return map;
        }

        List<CommissionPlanRequests.Band> bands(String field, String text) {
            List<CommissionPlanRequests.Band> bands = new ArrayList<>();
            map(field, text, (f, rate) -> rate).forEach((from, rate) -> {
                CommissionPlanRequests.Amount start = moneyValue(field, from);
                BigDecimal parsedRate = decimalValue(field, rate);
                if (start != null && parsedRate != null) {
                    bands.add(new CommissionPlanRequests.Band(start, parsedRate));
                }
            });
            return bands;
        }
    }

    private static String money(Money money) {
        return money == null ? "" : money.toMajor().toPlainString() + " " + money.currency().getCurrencyCode();
    }

    private static String decimal(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String bands(List<RateBand> bands) {
        if (bands == null) {
            return "";
        }
        return String.join("\n", bands.stream().map(band -> money(band.from()) + "=" + decimal(band.rate())).toList());
    }

    private static <V> String lines(Map<String, V> map, Function<V, String> value) {
        if (map == null) {
            return "";
        }
        return String.join("\n", new TreeMap<>(map).entrySet().stream().map(e -> e.getKey() + "=" + value.apply(e.getValue())).toList());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String value(MultiValueMap<String, String> fields, String name) {
        String value = fields.getFirst(name);
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1) + (text.endsWith(".") ? "" : ".");
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
