package io.synod.web.rest.v1;

/** Body of {@code POST /api/v1/members/candidates}. */
public record CandidateRequest(String displayName, String identityKey) {
}
