package dev.tierdeck.recommendation;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowCounts;
import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.Reporter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An hour of the demo cluster's checkout traffic as Goldmane would have stored it: the ingress controller calls the
 * frontend, the frontend the cart and the payments API, the cart Redis, the frontend asks DNS (allowed by the platform
 * tier), the frontend calls the catalog (denied today by its own policy), and once in a while the sandbox's debug
 * shell calls the cart.
 */
final class CheckoutHistory {

    static final String DEBUG_TO_CART = "ingress:checkout/cart<-sandbox/debug-shell:TCP/50051";

    private CheckoutHistory() {}

    static List<FlowRecord> at(Instant at) {
        FlowEndpoint ingress = FlowEndpoint.workload(
                "ingress-nginx",
                "ingress-nginx-controller-6b8d9c7f5-*",
                Map.of("app.kubernetes.io/name", "ingress-nginx", "app.kubernetes.io/component", "controller"));
        FlowEndpoint frontend =
                FlowEndpoint.workload("checkout", "checkout-frontend-8f7c6d5b9-*", Map.of("app", "checkout-frontend"));
        FlowEndpoint cart = FlowEndpoint.workload("checkout", "cart-6d9b8c7f4-*", Map.of("app", "cart"));
        FlowEndpoint payments =
                FlowEndpoint.workload("payments", "payments-api-7d9f8c6b5-*", Map.of("app", "payments-api"));
        FlowEndpoint catalog =
                FlowEndpoint.workload("catalog", "catalog-api-7b6c9d8f5-*", Map.of("app", "catalog-api"));
        FlowEndpoint redis = FlowEndpoint.workload("db", "redis-*", Map.of("app", "redis"));
        FlowEndpoint dns = FlowEndpoint.workload("kube-system", "coredns-7c65d6cfc9-*", Map.of("k8s-app", "kube-dns"));
        FlowEndpoint debug = FlowEndpoint.workload("sandbox", "debug-shell", Map.of("app", "debug-shell"));
        List<FlowRecord> out = new ArrayList<>();
        both(out, at, ingress, frontend, "TCP", 8080, FlowAction.Allow, 7200);
        both(out, at, frontend, cart, "TCP", 50051, FlowAction.Allow, 5400);
        both(out, at, frontend, payments, "TCP", 8080, FlowAction.Allow, 2400);
        both(out, at, cart, redis, "TCP", 6379, FlowAction.Allow, 9000);
        out.add(record(at, frontend, dns, "UDP", 53, Reporter.Src, FlowAction.Allow, 1000));
        out.add(record(at, frontend, catalog, "TCP", 8080, Reporter.Src, FlowAction.Deny, 300));
        both(out, at, debug, cart, "TCP", 50051, FlowAction.Allow, 18);
        return out;
    }

    private static void both(
            List<FlowRecord> out,
            Instant at,
            FlowEndpoint from,
            FlowEndpoint to,
            String protocol,
            int port,
            FlowAction action,
            long connections) {
        out.add(record(at, from, to, protocol, port, Reporter.Src, action, connections));
        out.add(record(at, from, to, protocol, port, Reporter.Dst, action, connections));
    }

    static FlowRecord record(
            Instant at,
            FlowEndpoint from,
            FlowEndpoint to,
            String protocol,
            int port,
            Reporter reporter,
            FlowAction action,
            long connections) {
        return new FlowRecord(
                at,
                at.plusSeconds(60),
                from,
                to,
                protocol,
                port,
                reporter,
                action,
                List.of(),
                List.of(),
                new FlowCounts(connections * 10, connections * 8, 1000, 800, connections, connections, 0));
    }
}
