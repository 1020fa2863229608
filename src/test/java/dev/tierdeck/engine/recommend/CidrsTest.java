package dev.tierdeck.engine.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.IpAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrsTest {

    @ParameterizedTest(name = "{0} no wider than /{1}, never covering [{2}]: {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "203.0.113.9                         | 24 |                | 203.0.113.9/32",
                "203.0.113.9 203.0.113.77            | 24 |                | 203.0.113.0/25",
                "203.0.113.9 203.0.113.77            | 26 |                | 203.0.113.9/32 203.0.113.77/32",
                "203.0.113.9 203.0.113.10            | 24 |                | 203.0.113.8/30",
                "203.0.113.9 198.51.100.7            | 24 |                | 198.51.100.7/32 203.0.113.9/32",
                "203.0.113.9 203.0.113.77            | 24 | 203.0.113.12   | 203.0.113.9/32 203.0.113.77/32",
                "203.0.113.9 203.0.113.77            | 24 | 203.0.113.200  | 203.0.113.0/25",
                "203.0.113.9 203.0.113.9             | 16 | 203.0.113.9    | 203.0.113.9/32",
                "10.1.2.3 10.1.2.4 10.1.9.9          | 16 |                | 10.1.0.0/20",
                "10.1.2.3 10.1.2.4 10.1.9.9          | 24 |                | 10.1.2.0/29 10.1.9.9/32",
                "2001:db8::5 2001:db8::9             | 64 |                | 2001:db8:0:0:0:0:0:0/124",
                "2001:db8::5 2001:db8:1::9           | 64 |                | 2001:db8:0:0:0:0:0:5/128 2001:db8:1:0:0:0:0:9/128"
            })
    void coversAddressesWithTheNarrowestCidrsTheWidthAllows(
            String addresses, int prefix, String forbidden, String expected) {
        List<Cidr> cidrs = Cidrs.cover(addresses(addresses), addresses(forbidden), prefix);

        assertThat(cidrs.stream().map(Cidr::toString).toList()).containsExactly(expected.split(" "));
        for (IpAddress a : addresses(addresses)) {
            assertThat(cidrs).anyMatch(c -> c.contains(a));
        }
    }

    private static List<IpAddress> addresses(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.trim().split("\\s+")).map(IpAddress::parse).toList();
    }
}
