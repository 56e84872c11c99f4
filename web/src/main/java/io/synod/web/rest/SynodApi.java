package io.synod.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts the REST API at {@code /api}; versioned resources live under {@code /api/v1}. */
@ApplicationPath("/api")
public class SynodApi extends Application {
}
