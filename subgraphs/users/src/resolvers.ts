import type { Resolvers } from './generated/resolvers-types.js';

/** Thin: validation lives in the users service, access rules in the schema's `@auth`. */
export const resolvers: Resolvers = {
  Query: {
    // `@auth(hidden: true)`: only signed-in callers get here; anonymous ones get null.
    me: (_parent, _args, { users, viewer }) => users.userById(viewer!.userId),
    user: (_parent, { id }, { users }) => users.userById(id),
  },

  Mutation: {
    async signUp(_parent, { input }, context) {
      const result = await context.users.signUp(input, context.clientIp);
      context.signedInUserIds.add(result.user.id);
      context.logger.info({ userId: result.user.id }, 'account created');
      return result;
    },
    async logIn(_parent, { email, password }, context) {
      const result = await context.users.logIn(email, password, context.clientIp);
      context.signedInUserIds.add(result.user.id);
      return result;
    },
    async refreshSession(_parent, { refreshToken }, context) {
      const result = await context.sessions.refresh(refreshToken, context.clientIp);
      context.signedInUserIds.add(result.user.id);
      return result;
    },
    // `@auth`: only signed-in callers get here.
    logOut: (_parent, { refreshToken }, { sessions, viewer }) =>
      sessions.logOut(viewer!, refreshToken),
    // `@auth(requires: "ADMIN")`, audited by the kit.
    setUserRole: (_parent, { id, role }, { users }) => users.setUserRole(id, role),
  },

  AuthPayload: {
    expiresAt: (payload) => payload.expiresAt.toISOString(),
  },

  User: {
    // Other subgraphs (orders' `Order.user`) reach users by id; batched per request.
    __resolveReference: ({ id }, { users, loaders }) => users.findUser(id, loaders.userById),

    createdAt: (user) => user.createdAt.toISOString(),
  },
};
