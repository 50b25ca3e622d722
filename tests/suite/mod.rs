mod children;
mod damage;
mod disclosure;
mod model;
mod privacy;
mod util;
mod vault;
