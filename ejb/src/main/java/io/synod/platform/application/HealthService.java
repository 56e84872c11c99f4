package io.synod.platform.application;

import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Aggregates every {@link ReadinessCheck}; the node is ready only if all are. */
@ApplicationScoped
public class HealthService {

    @Inject
    @Any
    private Instance<ReadinessCheck> checks;

    public Readiness readiness() {
        var results = new TreeMap<String, String>();
        boolean ready = true;
        for (ReadinessCheck check : checks) {
            var problem = check.problem();
            results.put(check.name(), problem.orElse("UP"));
            ready &= problem.isEmpty();
        }
        return new Readiness(ready, results);
    }
}
