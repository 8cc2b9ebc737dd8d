package io.mcpbridge.testkit;

import io.mcpbridge.core.port.JobRegistry;

class InMemoryJobRegistryTest extends JobRegistryContract {
  @Override
  protected JobRegistry createRegistry() {
    return new InMemoryJobRegistry();
  }
}
