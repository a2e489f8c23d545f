package dev.sluice.generate;

import dev.sluice.config.FieldType;
import dev.sluice.config.GeneratorConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fraud settings compiled against the fraud event type. Patterns need to know which field plays which part (the card,
 * the amount, the merchant category...), and domains do not say so explicitly, so roles are found from the config:
 * <ul>
 *   <li>card: the event's key field when it holds an entity id, else its first owned-entity field;</li>
 *   <li>amount: the first money field (else the first numeric field); category: the field the amount dependsOn;</li>
 *   <li>merchant: the first shared-entity field; country: a field named {@code country} or {@code *_country};</li>
 *   <li>devices: the other owned-entity fields (stolen cards show up on devices that are not the holder's).</li>
 * </ul>
 * A pattern whose roles are missing is a config error naming what to add.
 */
final class FraudPlan {

    /** Category values that count as risky, wherever a domain lists them. */
    static final Set<String> RISKY_CATEGORIES = Set.of("gambling", "money_transfer", "digital_goods", "crypto", "gift_cards", "betting");

    final double rate;
    final EventPlan event;
    final FraudPattern[] patterns;
    final FieldPlan card;
    final FieldPlan owner;
    final FieldPlan[] devices;
    final FieldPlan amount;
    final FieldPlan category;
    final FieldPlan merchant;
    final FieldPlan country;
    /** Category with the lowest median amount (where card testers go), or null. */
    final Object cheapestCategory;
    final Object[] riskyCategories;
    final Object[] countries;

    private FraudPlan(double rate, EventPlan event, FraudPattern[] patterns, FieldPlan card, FieldPlan owner,
                      FieldPlan[] devices, FieldPlan amount, FieldPlan category, FieldPlan merchant, FieldPlan country,
                      Object cheapestCategory, Object[] riskyCategories, Object[] countries) {
        this.rate = rate;
        this.event = event;
        this.patterns = patterns;
        this.card = card;
        this.owner = owner;
        this.devices = devices;
        this.amount = amount;
        this.category = category;
        this.merchant = merchant;
        this.country = country;
        this.cheapestCategory = cheapestCategory;
        this.riskyCategories = riskyCategories;
        this.countries = countries;
    }

    String labelField() {
        return event.labelField < 0 ? null : event.fields[event.labelField].name;
    }

    static FraudPlan compile(GeneratorConfig.FraudConfig config, EventPlan event, EntityPools pools, List<String> problems) {
        String where = "generator.fraud";
        if (config.rate() < 0 || config.rate() > 1) {
            problems.add(where + ".rate: must be between 0 and 1, e.g. 0.02 for 2% of " + event.name() + " events");
        }
        if (config.labelField() == null) {
            problems.add(where + ".labelField: name the boolean field of " + event.name() + " that marks fraud (e.g. is_fraud)");
        }
        List<String> names = config.patterns().isEmpty()
                ? List.of("card_testing", "burst", "geo_anomaly", "risky_merchant") : config.patterns();
        List<FraudPattern> patterns = new ArrayList<>();
        for (String name : names) {
            FraudPattern pattern = FraudPattern.fromConfig(name);
            if (pattern == null) {
                problems.add(where + ".patterns: unknown pattern '" + name + "'; use card_testing, burst, geo_anomaly or risky_merchant");
            } else if (!patterns.contains(pattern)) {
                patterns.add(pattern);
            }
        }

        FieldPlan card = null;
        FieldPlan owner = null;
        FieldPlan merchant = null;
        FieldPlan amount = null;
        FieldPlan country = null;
        List<FieldPlan> owned = new ArrayList<>();
        if (event.keyField >= 0 && event.fields[event.keyField].entity >= 0) {
            card = event.fields[event.keyField];
        }
        for (FieldPlan field : event.fields) {
            switch (field.role) {
                case OWNER -> owner = owner == null ? field : owner;
                case OWNED -> owned.add(field);
                case SHARED -> merchant = merchant == null && field != card ? field : merchant;
                default -> {
                }
            }
            if (field.role == FieldRole.VALUE && field.location && country == null) {
                country = field;
            }
        }
        if (card == null && !owned.isEmpty()) {
            card = owned.get(0);
        }
        FieldPlan cardField = card;
        List<FieldPlan> devices = owned.stream().filter(f -> f != cardField).toList();
        for (FieldPlan field : event.fields) {
            if (field.role == FieldRole.VALUE && field.type == FieldType.MONEY) {
                amount = field;
                break;
            }
        }
        if (amount == null) {
            for (FieldPlan field : event.fields) {
                if (field.role == FieldRole.VALUE && field.type.numeric()) {
                    amount = field;
                    break;
                }
            }
        }
        FieldPlan category = null;
        if (amount != null && amount.config.generate().dependsOn() != null) {
            category = event.field(amount.config.generate().dependsOn());
        }

        Object cheapest = null;
        List<Object> risky = new ArrayList<>();
        if (category != null && category.generator != null) {
            double lowest = Double.MAX_VALUE;
            for (Object value : category.generator.choices()) {
                double median = amount.generator.medianFor(value);
                if (median < lowest) {
                    lowest = median;
                    cheapest = value;
                }
                if (value != null && RISKY_CATEGORIES.contains(value.toString())) {
                    risky.add(value);
                }
            }
        }
        Object[] countries = country == null ? new Object[0] : country.generator.choices().toArray();

        for (FraudPattern pattern : patterns) {
            String p = where + ".patterns: " + pattern.configName() + " needs ";
            if (card == null) {
                problems.add(p + "a card-like entity field in " + event.name() + " (make the event's key an entity field, e.g. card_id with entity: card)");
            }
            switch (pattern) {
                case CARD_TESTING, BURST -> {
                    if (amount == null) {
                        problems.add(p + "an amount: a money field in " + event.name());
                    }
                }
                case GEO_ANOMALY -> {
                    if (country == null || countries.length < 2) {
                        problems.add(p + "a country field (named country or *_country) with at least two values in generate.values");
                    }
                }
                case RISKY_MERCHANT -> {
                    if (amount == null || category == null) {
                        problems.add(p + "a money field whose generate.dependsOn names a category field");
                    } else if (risky.isEmpty()) {
                        problems.add(p + "a risky value among the values of " + category.name + ": one of " + RISKY_CATEGORIES);
                    }
                }
            }
        }
        return new FraudPlan(config.rate(), event, patterns.toArray(new FraudPattern[0]), card, owner,
                devices.toArray(new FieldPlan[0]), amount, category, merchant, country, cheapest, risky.toArray(), countries);
    }
}
