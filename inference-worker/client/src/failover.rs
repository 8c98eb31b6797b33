//! Several RPC endpoints tried in turn: a JSON-RPC client for subxt that sends every request and
//! subscription to one node, and moves on to the next endpoint when that node stops answering.
//!
//! Each endpoint is subxt's reconnecting client (WebSocket pings, reconnection every 2 s at most),
//! connected when first needed. A reconnecting client holds its calls while its node is down, so
//! with more than one endpoint a call the active node has not answered within [`SWITCH_AFTER`]
//! (or that failed on a lost connection) is sent to the next endpoint that answers, which becomes
//! the active one; an endpoint that serves another chain (another genesis hash) is never used.
//! Subscriptions on the node that went away end; the worker subscribes again, on the new one.
//! With one endpoint nothing changes: calls wait for its node to come back.

use std::{
	sync::{
		atomic::{AtomicUsize, Ordering},
		Arc,
	},
	time::Duration,
};
use subxt::rpcs::{
	client::{
		reconnecting_rpc_client::ExponentialBackoff, RawRpcFuture, RawRpcSubscription, RawValue, ReconnectingRpcClient,
		RpcClientT,
	},
	Error,
};
use tokio::sync::{Mutex, OnceCell};

/// With several endpoints, how long the active node may leave a call unanswered before the next
/// endpoint is tried.
pub const SWITCH_AFTER: Duration = Duration::from_secs(6);

/// How long connecting to an endpoint not yet used may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// One endpoint: its address and its client once connected.
struct Endpoint {
	url: String,
	client: Mutex<Option<ReconnectingRpcClient>>,
}

/// The endpoints, the active one, and the chain they must all serve.
pub struct Failover {
	endpoints: Vec<Endpoint>,
	active: AtomicUsize,
	genesis: OnceCell<String>,
	retry: ExponentialBackoff,
}

impl Failover {
	/// Connects to the first of `urls` that answers (in order) and makes it the active endpoint;
	/// the others are connected when needed. `retry` is each endpoint's reconnection policy.
	pub async fn connect(urls: &[String], retry: ExponentialBackoff) -> anyhow::Result<Arc<Self>> {
		anyhow::ensure!(!urls.is_empty(), "no RPC endpoint given");
		let failover = Arc::new(Self {
			endpoints: urls.iter().map(|url| Endpoint { url: url.clone(), client: Mutex::new(None) }).collect(),
			active: AtomicUsize::new(0),
			genesis: OnceCell::new(),
			retry,
		});
		if urls.len() == 1 {
			// One endpoint: wait for it as long as it takes, as the reconnecting client does.
			let client = ReconnectingRpcClient::builder()
				.retry_policy(failover.retry.clone())
				.build(urls[0].clone())
				.await
				.map_err(|e| anyhow::anyhow!("connect to {}: {e}", urls[0]))?;
			*failover.endpoints[0].client.lock().await = Some(client);
			return Ok(failover);
		}
		for i in 0..urls.len() {
			match failover.client(i).await {
				Ok(_) => {
					failover.active.store(i, Ordering::SeqCst);
					return Ok(failover);
				},
				Err(e) => tracing::warn!(rpc = %urls[i], "{e}"),
			}
		}
		anyhow::bail!("none of the RPC endpoints answers: {}", urls.join(", "))
	}

	/// How many endpoints there are.
	pub fn endpoints(&self) -> usize {
		self.endpoints.len()
	}

	/// The address of the endpoint in use.
	pub fn active_url(&self) -> &str {
		&self.endpoints[self.active.load(Ordering::SeqCst)].url
	}

	/// The client of endpoint `i`, connecting it (within [`CONNECT_TIMEOUT`]) and checking its
	/// chain on first use.
	async fn client(&self, i: usize) -> Result<ReconnectingRpcClient, String> {
		let endpoint = &self.endpoints[i];
		let mut slot = endpoint.client.lock().await;
		if let Some(client) = slot.as_ref() {
			return Ok(client.clone());
		}
		let connect = ReconnectingRpcClient::builder().retry_policy(self.retry.clone()).build(endpoint.url.clone());
		let client = match tokio::time::timeout(CONNECT_TIMEOUT, connect).await {
			Ok(Ok(client)) => client,
			Ok(Err(e)) => return Err(format!("cannot connect: {e}")),
			Err(_) => return Err(format!("no connection within {} s", CONNECT_TIMEOUT.as_secs())),
		};
		let params = RawValue::from_string("[0]".into()).expect("valid JSON");
		let genesis = match tokio::time::timeout(SWITCH_AFTER, client.request_raw("chain_getBlockHash", Some(params))).await {
			Ok(Ok(hash)) => hash.get().to_string(),
			Ok(Err(e)) => return Err(format!("cannot read its genesis hash: {e}")),
			Err(_) => return Err("no answer for its genesis hash".into()),
		};
		let expected = self.genesis.get_or_init(|| async { genesis.clone() }).await;
		if *expected != genesis {
			return Err(format!("serves another chain (genesis {genesis}, not {expected}): not used"));
		}
		*slot = Some(client.clone());
		Ok(client)
	}

	/// Runs `call` on the active endpoint; with several endpoints, moves on to the next ones in
	/// turn while the active one does not answer within [`SWITCH_AFTER`] or lost its connection.
	async fn with_failover<T, F>(&self, call: F) -> Result<T, Error>
	where
		F: Fn(ReconnectingRpcClient) -> RawRpcFuture<'static, T>,
	{
		let n = self.endpoints.len();
		let first = self.active.load(Ordering::SeqCst);
		if n == 1 {
			let client = self.client(0).await.map_err(Error::DisconnectedWillReconnect)?;
			return call(client).await;
		}
		let mut last = String::new();
		for k in 0..n {
			let i = (first + k) % n;
			let client = match self.client(i).await {
				Ok(client) => client,
				Err(e) => {
					last = format!("{}: {e}", self.endpoints[i].url);
					continue;
				},
			};
			match tokio::time::timeout(SWITCH_AFTER, call(client)).await {
				Ok(Err(e)) if e.is_disconnected_will_reconnect() => last = format!("{}: {e}", self.endpoints[i].url),
				Err(_) => last = format!("{}: no answer within {} s", self.endpoints[i].url, SWITCH_AFTER.as_secs()),
				Ok(answered) => {
					if i != first && self.active.compare_exchange(first, i, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
						tracing::warn!(from = %self.endpoints[first].url, to = %self.endpoints[i].url, "RPC endpoint switched: the node in use stopped answering");
					}
					return answered;
				},
			}
		}
		Err(Error::DisconnectedWillReconnect(format!("no RPC endpoint answers (last: {last})")))
	}
}

/// The client handed to subxt: a shared [`Failover`].
#[derive(Clone)]
pub struct FailoverClient(pub Arc<Failover>);

impl RpcClientT for FailoverClient {
	fn request_raw<'a>(&'a self, method: &'a str, params: Option<Box<RawValue>>) -> RawRpcFuture<'a, Box<RawValue>> {
		let method = method.to_string();
		Box::pin(self.0.with_failover(move |client| {
			let (method, params) = (method.clone(), params.clone());
			Box::pin(async move { client.request_raw(&method, params).await })
		}))
	}

	fn subscribe_raw<'a>(
		&'a self,
		sub: &'a str,
		params: Option<Box<RawValue>>,
		unsub: &'a str,
	) -> RawRpcFuture<'a, RawRpcSubscription> {
		let (sub, unsub) = (sub.to_string(), unsub.to_string());
		Box::pin(self.0.with_failover(move |client| {
			let (sub, unsub, params) = (sub.clone(), unsub.clone(), params.clone());
			Box::pin(async move { client.subscribe_raw(&sub, params, &unsub).await })
		}))
	}
}
