package io.synod.membership.domain;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.synod.shared.domain.SessionId;

/**
 * Who was due to post in a session round before its board deadline ({@code expected}: index → identity address)
 * and who did ({@code posted}). Every member reads the same board, so every member derives the same attendance.
 */
public record SessionAttendance(SessionId session, Map<Integer, String> expected, Set<Integer> posted) {
    public SessionAttendance {
        expected = Map.copyOf(new TreeMap<>(expected));
        posted = Set.copyOf(posted);
        if (!expected.keySet().containsAll(posted)) {
            throw new IllegalArgumentException("posted names members the session did not expect");
        }
    }
}
