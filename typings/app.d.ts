// Global shape of the mini-program App instance (the platform names it IAppOption).
interface IAppOption {
  globalData: {
    /** Roles the signed-in user has (decided by the server), refreshed by profile.whoAmI. */
    roles: ReadonlyArray<'mediator' | 'staff'>
  }
}
