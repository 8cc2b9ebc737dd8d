package io.mcpbridge.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.mcpbridge.core.model.Principal;

/** A token whose signature and claims were verified, with the principal made of it. */
record VerifiedToken(Principal principal, JWTClaimsSet claims) {}
