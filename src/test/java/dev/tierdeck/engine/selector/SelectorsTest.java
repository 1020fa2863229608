package dev.tierdeck.engine.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SelectorsTest {

    @Test
    void parseOrThrowReportsTheMessageAndPosition() {
        assertThatThrownBy(() -> Selectors.parseOrThrow("app == web"))
                .isInstanceOf(IllegalArgumentException.class)
                .isInstanceOfSatisfying(SelectorSyntaxException.class, e -> {
                    assertThat(e.message()).isEqualTo("expected a quoted string after 'app ==' but found label 'web'");
                    assertThat(e.position()).isEqualTo(7);
                    assertThat(e.getMessage()).contains("app == web").contains("position 7");
                });
    }

    @Test
    void parseIsCachedSoTheSameTextGivesTheSameTree() {
        String text = "cache-test == 'x' && has(y)";
        ParseResult first = Selectors.parse(text);
        assertThat(Selectors.parse(text)).isSameAs(first);
        assertThat(Selectors.parse("(cache-test)")).isSameAs(Selectors.parse("(cache-test)"));
    }

    @Test
    void cacheStaysBoundedUnderManyDistinctSelectors() {
        for (int i = 0; i < Selectors.CACHE_LIMIT + 1_000; i++) {
            assertThat(Selectors.parse("bound == '" + i + "'")).isInstanceOf(ParseResult.Ok.class);
        }
        assertThat(Selectors.parse("bound == '1'")).isEqualTo(new ParseResult.Ok(new Selector.Equals("bound", "1")));
    }

    @Test
    void aFloodOfDistinctLongSelectorsKeepsTheCacheWithinItsCharacterBound() {
        String padding = "v".repeat(Selectors.MAX_LENGTH - 40);
        for (int i = 0; i < 20_000; i++) {
            Selectors.parse("flood == '" + i + padding + "'");
            assertThat(Selectors.cachedCharacters()).isLessThanOrEqualTo(Selectors.CACHE_CHARACTERS);
        }
        assertThat(Selectors.cachedEntries()).isLessThanOrEqualTo(Selectors.CACHE_LIMIT);
        assertThat(Selectors.cachedCharacters()).isLessThanOrEqualTo(Selectors.CACHE_CHARACTERS);
    }

    @Test
    void selectorsLongerThanCalicoAcceptsAreParsedButNeverCached() {
        long before = Selectors.cachedCharacters();
        String huge = "huge == '" + "x".repeat(1_000_000) + "'";

        assertThat(Selectors.parse(huge)).isInstanceOf(ParseResult.Ok.class);

        assertThat(Selectors.cachedCharacters() - before).isLessThan(Selectors.MAX_LENGTH);
    }

    @Test
    void deeplyNestedParenthesesAreASyntaxErrorNotAStackOverflow() {
        String deep = "(".repeat(10_000) + "a == 'b'" + ")".repeat(10_000);

        assertThat(Selectors.parse(deep)).isInstanceOfSatisfying(ParseResult.Error.class, error -> {
            assertThat(error.message()).contains("nested more than 64 deep");
            assertThat(error.position()).isEqualTo(64);
        });
        assertThat(Selectors.parse("(".repeat(64) + "a == 'b'" + ")".repeat(64)))
                .isInstanceOf(ParseResult.Ok.class);
        assertThat(Selectors.parse("(".repeat(10_000))).isInstanceOf(ParseResult.Error.class);
    }

    @Test
    void parseNeverThrowsOnArbitraryText() {
        Random random = new Random(5);
        String alphabet = "ab()!=&|{},'\" \tinotcshwl\n.-/_0";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(20); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            ParseResult result = Selectors.parseUncached(text.toString());
            if (result instanceof ParseResult.Error error) {
                assertThat(error.position()).isBetween(0, text.length());
                assertThat(error.message()).isNotBlank();
            }
        }
    }

    @Test
    void emptyAndBlankSelectorsAreAll() {
        assertThat(Selectors.parseOrThrow("")).isEqualTo(Selectors.all());
        assertThat(Selectors.parseOrThrow(" \t")).isEqualTo(Selectors.all());
        assertThat(Selectors.all().matches(Labels.EMPTY)).isTrue();
        assertThat(Selectors.all()).hasToString("all()");
    }

    @Test
    void mentionsGlobalFindsGlobalAnywhere() {
        assertThat(Selectors.mentionsGlobal(Selectors.parseOrThrow("global()"))).isTrue();
        assertThat(Selectors.mentionsGlobal(Selectors.parseOrThrow("has(a) && !(b == 'x' || global())")))
                .isTrue();
        assertThat(Selectors.mentionsGlobal(Selectors.parseOrThrow("all() || global == 'x'")))
                .isFalse();
        assertThat(Selectors.mentionsGlobal(Selectors.parseOrThrow("a == 'global()'")))
                .isFalse();
    }

    @Test
    void setsAreDeduplicatedAndSortedByCodePoint() {
        Selector.In in = new Selector.In("a", List.of("b", "a", "b", "\uD83D\uDE00", "\uFFFD"));
        assertThat(in.values()).containsExactly("a", "b", "\uFFFD", "\uD83D\uDE00");
        assertThat(in.matches(Labels.of(Map.of("a", "\uD83D\uDE00")))).isTrue();
        assertThat(in.matches(Labels.of(Map.of("a", "c")))).isFalse();
    }

    @Test
    void recordsRejectWhatTheLanguageCannotWrite() {
        assertThatThrownBy(() -> new Selector.Has("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Selector.Has("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Selector.Has("l".repeat(513))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Selector.Equals("a", "both ' and \""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Selector.And(List.of(Selectors.all())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Selector.Or(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void directlyNestedOperatorsKeepTheirParentheses() {
        Selector has = new Selector.Has("a");
        Selector doubleNot = new Selector.Not(new Selector.Not(has));
        assertThat(doubleNot).hasToString("!(!has(a))");
        assertThat(Selectors.parseOrThrow(doubleNot.toString())).isEqualTo(doubleNot);
        Selector nestedAnd = new Selector.And(List.of(has, new Selector.And(List.of(has, has))));
        assertThat(nestedAnd).hasToString("has(a) && (has(a) && has(a))");
    }

    @Test
    void labelsOfCopiesAndReportsAbsence() {
        Map<String, String> map = new java.util.HashMap<>(Map.of("a", ""));
        Labels labels = Labels.of(map);
        map.put("b", "x");
        assertThat(labels.get("a")).isEmpty();
        assertThat(labels.get("b")).isNull();
        assertThat(Labels.EMPTY.get("a")).isNull();
    }
}
