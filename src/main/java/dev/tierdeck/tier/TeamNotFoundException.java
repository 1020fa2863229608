package dev.tierdeck.tier;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A team name that names no team: 404 in the API, the not-found page in the console. */
@ResponseStatus(HttpStatus.NOT_FOUND)
final class TeamNotFoundException extends RuntimeException {

    private TeamNotFoundException(String message) {
        super(message, null, false, false);
    }

    static TeamNotFoundException of(String name) {
        return new TeamNotFoundException("There is no team named " + name + ".");
    }
}
