package io.channelbook.query.report;

import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.money.Money;
import io.channelbook.api.report.AttributionModel;
import io.channelbook.api.report.TouchWeights;

import java.util.List;

/**
 * The attribution models as pure functions: a deal's net revenue split over its credited touches, to the cent.
 * <p>
 * Touch order is the one of {@code DealClosedWonEvent.acceptedTouches}: the registrant's SOURCED touch first, then the
 * accepted INFLUENCED and DELIVERED touches in the order they were logged. Splits use {@link Money#allocate}, so the
 * shares always add up to the net amount exactly; a unit left over by rounding goes to the touch with the largest
 * remainder (ties to the earlier touch). A refund is handled by splitting the net amount (won less refunded): every
 * share shrinks in proportion, and the deal still adds up to the cent.
 * <p>
 * Worked example, 1,000.00 EUR won, refunded 100.00, touches [A SOURCED, B INFLUENCED, C DELIVERED]: net 900.00;
 * SOURCED_ONLY and FIRST_TOUCH give A 900.00; EVEN 300.00 each; WEIGHTED 60/30/10 gives A 540.00, B 270.00,
 * C 90.00; LAST_TOUCH gives C 900.00.
 */
final class Attribution {

    private Attribution() {
    }

    /** Each touch's share of {@code net}, in the order of {@code touches} (at least one: the registrant's). */
    static List<Money> split(Money net, List<DealTouch> touches, AttributionModel model, TouchWeights weights) {
        return net.allocate(ratios(touches, model, weights));
    }

    static long[] ratios(List<DealTouch> touches, AttributionModel model, TouchWeights weights) {
        if (touches.isEmpty()) {
            throw new IllegalArgumentException("A won deal has at least its registrant's touch");
        }
        long[] ratios = new long[touches.size()];
        switch (model) {
            case SOURCED_ONLY -> ratios[sourcedIndex(touches)] = 1;
            case FIRST_TOUCH -> ratios[0] = 1;
            case LAST_TOUCH -> ratios[ratios.length - 1] = 1;
            case EVEN -> java.util.Arrays.fill(ratios, 1);
            case WEIGHTED -> {
                TouchWeights effective = weights == null ? TouchWeights.DEFAULT : weights;
                long total = 0;
                for (int i = 0; i < ratios.length; i++) {
                    ratios[i] = weight(touches.get(i).type(), effective);
                    total += ratios[i];
                }
                if (total == 0) {
                    // every touch of this deal weighs nothing: the revenue stays with the registrant
                    ratios[sourcedIndex(touches)] = 1;
                }
            }
        }
        return ratios;
    }

    private static int sourcedIndex(List<DealTouch> touches) {
        for (int i = 0; i < touches.size(); i++) {
            if (touches.get(i).type() == TouchType.SOURCED) {
                return i;
            }
        }
        return 0;
    }

    private static long weight(TouchType type, TouchWeights weights) {
        return switch (type) {
            case SOURCED -> weights.sourced();
            case INFLUENCED -> weights.influenced();
            case DELIVERED -> weights.delivered();
        };
    }
}
