import { isSelfOrAdmin } from '@fedshop/auth';
import { forbidden } from '@fedshop/errors';
import type { Resolvers } from './generated/resolvers-types.js';

/** Thin: access and validation live in the users service. */
export const resolvers: Resolvers = {
  Query: {
    me: (_parent, _args, { users, viewer }) => users.me(viewer),
    user: (_parent, { id }, { users, viewer }) => users.userById(viewer, id),
  },

  Mutation: {
    async signUp(_parent, { input }, context) {
      const result = await context.users.signUp(input);
      context.signedInUserIds.add(result.user.id);
      context.logger.info({ userId: result.user.id }, 'account created');
      return result;
    },
    async logIn(_parent, { email, password }, context) {
      const result = await context.users.logIn(email, password);
      context.signedInUserIds.add(result.user.id);
      return result;
    },
  },

  User: {
    // Other subgraphs (orders' `Order.user`) reach users by id; batched per request.
    __resolveReference: ({ id }, { users, loaders }) => users.findUser(id, loaders.userById),

    // Email privacy: a user's email is shown to that user and to admins only. Reached any
    // other way (an entity reference from another subgraph, for a caller who is neither),
    // this field is a FORBIDDEN error, while `name` and the other fields stay public.
    // The field is non-null, so the error nulls the enclosing object: the query states it
    // asked for something it may not see, rather than silently getting an empty string.
    email: (user, _args, { viewer, signedInUserIds }) => {
      if (isSelfOrAdmin(viewer, user.id) || signedInUserIds.has(user.id)) return user.email;
      throw forbidden("Only the user and admins can see a user's email");
    },

    createdAt: (user) => user.createdAt.toISOString(),
  },
};
