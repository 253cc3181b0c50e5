/**
 * What provider authors implement and use: {@link dev.backendconfig.api.spi.EndpointProvider} (registered in
 * {@code META-INF/services/dev.backendconfig.api.spi.EndpointProvider}), the
 * {@link dev.backendconfig.api.spi.ResolutionContext} a provider reads everything from,
 * {@link dev.backendconfig.api.spi.ProviderResult}, settings ({@link dev.backendconfig.api.spi.Setting},
 * {@link dev.backendconfig.api.spi.Settings}), the services to find ({@link dev.backendconfig.api.spi.Service}) and
 * probes. What providers share beyond the contract (origins, the invalid-input error, URL rules, the dotenv dialect,
 * bounded file reading) is the toolkit, {@code dev.backendconfig.toolkit}.
 */
package dev.backendconfig.api.spi;
