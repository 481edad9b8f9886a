App<IAppOption>({
  globalData: {
    roles: [],
  },
})
