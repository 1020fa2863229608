package dev.tierdeck.tier;

/** A team name that names no team: 404 in the API, the not-found page in the console. */
final class TeamNotFoundException extends RuntimeException {

    private TeamNotFoundException(String message) {
        super(message, null, false, false);
    }

    static TeamNotFoundException of(String name) {
        return new TeamNotFoundException("There is no team named " + name + ".");
    }
}
