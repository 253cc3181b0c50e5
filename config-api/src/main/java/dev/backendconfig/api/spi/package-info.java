/**
 * What provider authors implement and use: {@link dev.backendconfig.api.spi.EndpointProvider} (registered in
 * {@code META-INF/services/dev.backendconfig.api.spi.EndpointProvider}), the
 * {@link dev.backendconfig.api.spi.ResolutionContext} a provider reads everything from,
 * {@link dev.backendconfig.api.spi.ProviderResult}, settings ({@link dev.backendconfig.api.spi.Setting},
 * {@link dev.backendconfig.api.spi.Settings}, {@link dev.backendconfig.api.spi.SettingsContributor}), probes, origins,
 * and the URL rules every provider shares ({@link dev.backendconfig.toolkit.BackendUrls}).
 */
package dev.backendconfig.api.spi;
