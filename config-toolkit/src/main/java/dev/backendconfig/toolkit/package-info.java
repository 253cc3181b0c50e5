/**
 * What provider authors share, and the core uses itself: where a value came from ({@link
 * dev.backendconfig.toolkit.Origin}) and the error for explicit input that is wrong ({@link
 * dev.backendconfig.toolkit.InvalidInputException}); URL rules ({@link dev.backendconfig.toolkit.BackendUrls}); bounded
 * reading of configuration files ({@link dev.backendconfig.toolkit.ConfigurationFiles},
 * {@link dev.backendconfig.toolkit.ProjectFiles}); outside text on one line ({@link
 * dev.backendconfig.toolkit.OutsideText}); secret masking ({@link dev.backendconfig.toolkit.Secrets}); did-you-mean
 * ({@link dev.backendconfig.toolkit.Suggestions}); one HTTP/1.1 response reader ({@link
 * dev.backendconfig.toolkit.Http1}) and one deadline ({@link dev.backendconfig.toolkit.Deadline}). The dotenv dialect
 * is in {@code dev.backendconfig.toolkit.dotenv}.
 */
package dev.backendconfig.toolkit;
