use std::sync::Arc;

fn main() {
    // A TLS client configuration with the root certificates compiled in (webpki-roots): the
    // image needs no CA file, so it runs on scratch as it is.
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    assert!(roots.len() > 100, "too few roots: {}", roots.len());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    println!("rustls client ready: {} ALPN protocols, roots compiled in", config.alpn_protocols.len());
}
