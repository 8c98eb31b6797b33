//! Weights measured on this project's reference machine.
//!
//! - [`paritydb_weights`]: the cost of one storage read and write in the node's database
//!   (ParityDb), from `deai-node benchmark storage` (see `scripts/benchmark-storage.sh`), with a
//!   margin of two.

pub mod paritydb_weights;
