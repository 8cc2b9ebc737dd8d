package io.mcpbridge.auth;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** A token that passed the structural checks: a JWS with an allowed shape and parsed claims; not yet verified. */
record ParsedToken(SignedJWT jwt, JWSHeader header, JWTClaimsSet claims) {}
