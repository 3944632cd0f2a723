package io.channelbook.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How big a generated program is and how long each phase runs.
 *
 * @param partners      active partners, a third of them GOLD (tier multiplier 1.2)
 * @param dealsByThreads deals pushed through submit → approve → close at each concurrency (in this order)
 * @param liveSeconds   how long the paced flow runs while close-to-update latency is measured
 * @param queries       timed queries of each kind (after as many warm-up queries)
 */
record Size(String name, int partners, Map<Integer, Integer> dealsByThreads, int liveSeconds, int queries) {

    static Size named(String name) {
        return switch (name) {
            case "quick" -> new Size(name, 20, ordered(40, 80, 80), 5, 300);
            case "medium" -> new Size(name, 50, ordered(200, 900, 900), 15, 1_000);
            case "large" -> new Size(name, 200, ordered(1_000, 9_000, 9_000), 30, 2_000);
            case "full" -> new Size(name, 1_000, ordered(10_000, 45_000, 45_000), 60, 2_000);
            default -> throw new IllegalArgumentException("--size must be quick, medium, large or full, not " + name);
        };
    }

    int deals() {
        return dealsByThreads.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static Map<Integer, Integer> ordered(int one, int eight, int sixtyFour) {
        Map<Integer, Integer> deals = new LinkedHashMap<>();
        deals.put(1, one);
        deals.put(8, eight);
        deals.put(64, sixtyFour);
        return deals;
    }
}
