mod children;
mod damage;
mod model;
mod privacy;
mod util;
mod vault;
